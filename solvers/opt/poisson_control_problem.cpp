// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/poisson_control_problem.hpp"

#include <cmath>

#include "solvers/core/error.hpp"

namespace las::opt {
namespace {

std::size_t idx(long long i) { return static_cast<std::size_t>(i); }

}  // namespace

double poisson_control_spacing(long long n) { return 2.0 / static_cast<double>(n + 1); }

double poisson_control_target(long long n, long long i, long long j) {
  const double a = 0.1 / std::sqrt(15.0), centre = 0.5 * static_cast<double>(n + 1);
  // The authors' indices are 1-based: theirs is ours + 1.
  return std::sin(4.0 + a * (static_cast<double>(i + 1) - centre)) +
         std::cos(3.0 + a * (static_cast<double>(j + 1) - centre));
}

PoissonControlProblem::PoissonControlProblem(int n) : n_(n), cells_(0) {
  if (n < 1) throw ConfigError("problem.N = " + std::to_string(n) + " (must be >= 1)");
  cells_ = n * n;
  target_.resize(idx(cells_));
  const double c = 1.0 / (poisson_control_spacing(n) * poisson_control_spacing(n));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const int p = i + n * j;
      target_[idx(p)] = poisson_control_target(n, i, j);
      jacobian_.add(p, p, -4.0 * c);
      if (i > 0) jacobian_.add(p, p - 1, c);
      if (i < n - 1) jacobian_.add(p, p + 1, c);
      if (j > 0) jacobian_.add(p, p - n, c);
      if (j < n - 1) jacobian_.add(p, p + n, c);
      jacobian_.add(p, cells_ + p, 1.0);
    }
}

double PoissonControlProblem::objective(const Vector& x) const {
  double tracking = 0, control = 0;
  for (int p = 0; p < cells_; ++p) {
    const double e = x[idx(p)] - target_[idx(p)], z = x[idx(cells_ + p)];
    tracking += e * e;
    control += z * z;
  }
  return 0.5 * tracking + 0.5 * kPoissonControlWeight * control;
}

void PoissonControlProblem::objective_gradient(const Vector& x, Vector& g) const {
  g.resize(idx(variables()));
  for (int p = 0; p < cells_; ++p) {
    g[idx(p)] = x[idx(p)] - target_[idx(p)];
    g[idx(cells_ + p)] = kPoissonControlWeight * x[idx(cells_ + p)];
  }
}

void PoissonControlProblem::constraint_values(const Vector& x, Vector& c) const { jacobian_apply(x, x, c); }

void PoissonControlProblem::jacobian_apply(const Vector&, const Vector& v, Vector& jv) const {
  jv.assign(idx(cells_), 0.0);
  for (std::size_t k = 0; k < jacobian_.size(); ++k)
    jv[idx(jacobian_.rows[k])] += jacobian_.values[k] * v[idx(jacobian_.cols[k])];
}

void PoissonControlProblem::jacobian_transpose_apply(const Vector&, const Vector& w, Vector& jtw) const {
  jtw.assign(idx(variables()), 0.0);
  for (std::size_t k = 0; k < jacobian_.size(); ++k)
    jtw[idx(jacobian_.cols[k])] += jacobian_.values[k] * w[idx(jacobian_.rows[k])];
}

void PoissonControlProblem::lagrangian_hessian_apply(const Vector&, const Vector&, const Vector& v,
                                                     Vector& hv) const {
  hv.resize(idx(variables()));
  for (int p = 0; p < cells_; ++p) {
    hv[idx(p)] = v[idx(p)];
    hv[idx(cells_ + p)] = kPoissonControlWeight * v[idx(cells_ + p)];
  }
}

SparseTriplets PoissonControlProblem::lagrangian_hessian_triplets(const Vector&, double objective_factor,
                                                                  const Vector&) const {
  // Linear constraints add nothing: ∇²(σ f + λᵀc) = σ diag(I, 0.1 I).
  SparseTriplets h;
  for (int p = 0; p < cells_; ++p) h.add(p, p, objective_factor);
  for (int p = 0; p < cells_; ++p) h.add(cells_ + p, cells_ + p, objective_factor * kPoissonControlWeight);
  return h;
}

}  // namespace las::opt
