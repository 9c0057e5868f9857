// SPDX-License-Identifier: BSD-3-Clause
// An independent serial Levenberg–Marquardt for ONE problem of a HostBatch, written
// plainly: the residual vector (PDE rows, linear rows, and the ridge as N explicit rows)
// and its dense Jacobian, f = ½ r·r, g = Jᵀr, M = JᵀJ by loops, the damped system by the
// reference Cholesky. Same algorithm and stopping rules as solvers/moe/torch/batched_lm.hpp,
// none of its code (φ is written out again here).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/reference/batched_cholesky_ref.hpp"
#include "lm_test_problems.hpp"

namespace las::test {

/// φ and ∂φ/∂z of one point, plainly.
inline double serial_phi(const moe::PointResidual& r, const double* z, double* dphi) {
  if (r.kind == moe::PointResidualKind::DiffusionSorption) {
    const double c = (1 - r.porosity) / r.porosity * r.bulk_density * r.freundlich_k * r.freundlich_n;
    // The guarded power (max(u, 0) + 1e-6)^(n_f − 1): R is constant for u < 0.
    const double u = std::max(z[0], 0.0);
    const double retardation = 1 + c * std::pow(u + 1e-6, r.freundlich_n - 1);
    const double dretardation = z[0] > 0 ? c * (r.freundlich_n - 1) * std::pow(u + 1e-6, r.freundlich_n - 2) : 0.0;
    dphi[0] = r.diffusion * z[2] * dretardation / (retardation * retardation);
    dphi[1] = 1;
    dphi[2] = -r.diffusion / retardation;
    return z[1] - r.diffusion * z[2] / retardation;
  }
  dphi[0] = 1;
  dphi[1] = z[3];
  dphi[2] = z[4];
  dphi[3] = z[1];
  dphi[4] = z[2];
  dphi[5] = -r.viscosity;
  return z[0] + z[1] * z[3] + z[2] * z[4] - r.viscosity * z[5];
}

/// The stacked residual of problem b at w and its Jacobian (rows x n, row-major).
inline void serial_residual(const HostBatch& h, int b, const moe::PointResidual& pr, double ridge,
                            const std::vector<double>& w, std::vector<double>& r, std::vector<double>& jac) {
  const int n = h.n, rows = h.points + h.linear + n;
  r.assign(rows, 0.0);
  jac.assign(static_cast<size_t>(rows) * n, 0.0);
  for (int p = 0; p < h.points; ++p) {
    double z[6] = {}, dphi[6] = {};
    for (int j = 0; j < h.features; ++j)
      for (int k = 0; k < n; ++k) z[j] += h.feature(b, p, j, k) * w[k];
    r[p] = pr.pde_weight * serial_phi(pr, z, dphi);
    for (int j = 0; j < h.features; ++j)
      for (int k = 0; k < n; ++k) jac[static_cast<size_t>(p) * n + k] += pr.pde_weight * dphi[j] * h.feature(b, p, j, k);
  }
  for (int q = 0; q < h.linear; ++q) {
    const int row = h.points + q;
    r[row] = -h.target(b, q);
    for (int k = 0; k < n; ++k) {
      r[row] += h.row(b, q, k) * w[k];
      jac[static_cast<size_t>(row) * n + k] = h.row(b, q, k);
    }
  }
  for (int k = 0; k < n; ++k) {
    const int row = h.points + h.linear + k;
    r[row] = ridge * w[k];
    jac[static_cast<size_t>(row) * n + k] = ridge;
  }
}

struct SerialLmResult {
  std::vector<double> omega;
  int iterations = 0;
  moe::LmStatus status = moe::LmStatus::Running;
};

/// f, g = Jᵀr and M = JᵀJ of problem b at w.
struct SerialPoint {
  double f = 0;
  std::vector<double> g, m;
};

inline SerialPoint serial_point(const HostBatch& h, int b, const moe::PointResidual& pr, double ridge,
                                const std::vector<double>& w) {
  std::vector<double> r, jac;
  serial_residual(h, b, pr, ridge, w, r, jac);
  const int n = h.n;
  SerialPoint s;
  s.g.assign(n, 0.0);
  s.m.assign(static_cast<size_t>(n) * n, 0.0);
  for (size_t i = 0; i < r.size(); ++i) {
    s.f += 0.5 * r[i] * r[i];
    for (int k = 0; k < n; ++k) {
      s.g[k] += jac[i * n + k] * r[i];
      for (int l = 0; l < n; ++l) s.m[k * n + l] += jac[i * n + k] * jac[i * n + l];
    }
  }
  return s;
}

inline SerialLmResult serial_lm(const HostBatch& h, int b, const moe::PointResidual& pr, const moe::LmOptions& o) {
  const int n = h.n;
  const double tol = o.tolerance;
  SerialLmResult out;
  out.omega.assign(n, o.initial_coefficient);
  SerialPoint cur = serial_point(h, b, pr, o.ridge, out.omega);
  bool finite = std::isfinite(cur.f);
  double max_diag = 0;
  for (int k = 0; k < n; ++k) {
    finite = finite && std::isfinite(cur.g[k]) && std::isfinite(cur.m[k * n + k]);
    max_diag = std::max(max_diag, cur.m[k * n + k]);
  }
  if (!finite) {
    out.status = moe::LmStatus::NotFinite;
    return out;
  }
  double mu = o.initial_damping * max_diag, nu = 2;
  while (true) {
    ++out.iterations;
    std::vector<double> damped = cur.m;
    for (int k = 0; k < n; ++k) damped[k * n + k] += mu;
    const std::vector<double> l = kernels::reference::cholesky_factor(damped, n);
    bool solved = !l.empty();
    std::vector<double> step(n, 0.0), minus_g(n);
    for (int k = 0; k < n; ++k) minus_g[k] = -cur.g[k];
    if (solved) step = kernels::reference::cholesky_solve(l, n, minus_g);
    double predicted = 0;
    for (int k = 0; k < n; ++k) {
      solved = solved && std::isfinite(step[k]);
      predicted += 0.5 * step[k] * (mu * step[k] - cur.g[k]);
    }
    std::vector<double> trial = out.omega;
    if (solved)
      for (int k = 0; k < n; ++k) trial[k] += step[k];
    const SerialPoint cand = serial_point(h, b, pr, o.ridge, trial);
    const double actual = cur.f - cand.f;
    bool ok = solved && std::isfinite(cand.f), small = true;
    for (int k = 0; k < n; ++k) {
      ok = ok && std::isfinite(cand.g[k]);
      small = small && std::abs(step[k]) <= tol + tol * std::abs(trial[k]);
    }
    const bool negligible = ok && small && std::abs(actual) <= tol + tol * std::abs(cand.f);
    // Below the cost's resolution (1e-13 f) the ratio is noise: accept if the change is noise too.
    const bool below_resolution = predicted <= 1e-13 * std::abs(cur.f) && actual >= -1e-13 * std::abs(cur.f);
    if (ok && predicted > 0 && (actual > 0 || below_resolution)) {
      const double rho = actual > 0 ? actual / predicted : 1.0;
      mu *= std::max(1.0 / 3, 1 - std::pow(2 * rho - 1, 3));
      nu = 2;
      out.omega = trial;
      cur = cand;
    } else {
      mu *= nu;
      nu *= 2;
    }
    if (negligible) {
      out.status = moe::LmStatus::Converged;
      return out;
    }
    if (!std::isfinite(mu)) {
      out.status = moe::LmStatus::DampingOverflow;
      return out;
    }
    if (out.iterations >= o.max_iterations) {
      out.status = moe::LmStatus::MaxIterations;
      return out;
    }
  }
}

}  // namespace las::test
