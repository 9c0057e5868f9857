// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/small_lsq.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "solvers/core/error.hpp"

namespace las::learning {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

size_t at(int i, int j, int n) {
  return static_cast<size_t>(i) * static_cast<size_t>(n) + static_cast<size_t>(j);
}

void check_sizes(const std::vector<double>& g, const std::vector<double>& h, int n) {
  LAS_CHECK(n >= 1 && g.size() == static_cast<size_t>(n) * static_cast<size_t>(n) &&
                h.size() == static_cast<size_t>(n),
            "small least squares: sizes " << g.size() << ", " << h.size() << " for n = " << n);
}

// Gradient Gθ − h of ½θᵀGθ − hᵀθ.
std::vector<double> gradient(const std::vector<double>& g, const std::vector<double>& h,
                             const std::vector<double>& theta, int n) {
  std::vector<double> r(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    double s = -h[static_cast<size_t>(i)];
    for (int j = 0; j < n; ++j) s += g[at(i, j, n)] * theta[static_cast<size_t>(j)];
    r[static_cast<size_t>(i)] = s;
  }
  return r;
}

// The exact minimiser with the variables in `fixed` held at their current values:
// the free block solved by min_norm_solve. False when it leaves the box.
bool solve_on_active_set(const std::vector<double>& g, const std::vector<double>& h,
                         const std::vector<double>& lo, const std::vector<double>& hi,
                         const std::vector<bool>& fixed, std::vector<double>& theta, int n) {
  std::vector<int> free;
  for (int j = 0; j < n; ++j) {
    if (!fixed[static_cast<size_t>(j)]) free.push_back(j);
  }
  const int f = static_cast<int>(free.size());
  if (f == 0) return true;
  std::vector<double> gff(static_cast<size_t>(f) * static_cast<size_t>(f)),
      rhs(static_cast<size_t>(f));
  for (int a = 0; a < f; ++a) {
    const int i = free[static_cast<size_t>(a)];
    double s = h[static_cast<size_t>(i)];
    for (int j = 0; j < n; ++j) {
      if (fixed[static_cast<size_t>(j)]) s -= g[at(i, j, n)] * theta[static_cast<size_t>(j)];
    }
    rhs[static_cast<size_t>(a)] = s;
    for (int b = 0; b < f; ++b) gff[at(a, b, f)] = g[at(i, free[static_cast<size_t>(b)], n)];
  }
  const std::vector<double> x = min_norm_solve(gff, rhs, f);
  for (int a = 0; a < f; ++a) {
    const size_t i = static_cast<size_t>(free[static_cast<size_t>(a)]);
    if (x[static_cast<size_t>(a)] < lo[i] || x[static_cast<size_t>(a)] > hi[i]) return false;
  }
  for (int a = 0; a < f; ++a)
    theta[static_cast<size_t>(free[static_cast<size_t>(a)])] = x[static_cast<size_t>(a)];
  return true;
}

}  // namespace

void symmetric_eigen(std::vector<double> a, int n, std::vector<double>& values,
                     std::vector<double>& vectors) {
  LAS_CHECK(n >= 1 && a.size() == static_cast<size_t>(n) * static_cast<size_t>(n),
            "symmetric_eigen: " << a.size() << " entries for n = " << n);
  vectors.assign(a.size(), 0.0);
  for (int i = 0; i < n; ++i) vectors[at(i, i, n)] = 1.0;
  double norm2 = 0.0;
  for (double v : a) norm2 += v * v;
  // Cyclic Jacobi (Numerical Recipes §11.1 rotations): each rotation zeroes a_pq; the
  // off-diagonal mass falls quadratically after the first sweeps (≈ 6-10 for n = 6).
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (int p = 0; p < n; ++p)
      for (int q = p + 1; q < n; ++q) off += a[at(p, q, n)] * a[at(p, q, n)];
    if (off <= kEps * kEps * norm2 * 1e-4) break;
    for (int p = 0; p < n; ++p) {
      for (int q = p + 1; q < n; ++q) {
        const double apq = a[at(p, q, n)];
        // Negligible against both diagonal entries: zeroing it changes the eigenvalues
        // by far less than an ulp (NR's test), and saves the rotation.
        if (std::abs(apq) <= 1e-3 * kEps * std::sqrt(std::abs(a[at(p, p, n)] * a[at(q, q, n)]))) {
          a[at(p, q, n)] = a[at(q, p, n)] = 0.0;
          continue;
        }
        const double theta = (a[at(q, q, n)] - a[at(p, p, n)]) / (2.0 * apq);
        // t = tan of the rotation angle, the smaller root; 1/(2θ) avoids θ² overflow.
        const double t =
            std::abs(theta) > 1e150
                ? 0.5 / theta
                : std::copysign(1.0, theta) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (int k = 0; k < n; ++k) {
          if (k == p || k == q) continue;
          const double akp = a[at(k, p, n)], akq = a[at(k, q, n)];
          a[at(k, p, n)] = a[at(p, k, n)] = c * akp - s * akq;
          a[at(k, q, n)] = a[at(q, k, n)] = s * akp + c * akq;
        }
        a[at(p, p, n)] -= t * apq;
        a[at(q, q, n)] += t * apq;
        a[at(p, q, n)] = a[at(q, p, n)] = 0.0;
        for (int k = 0; k < n; ++k) {
          const double vkp = vectors[at(k, p, n)], vkq = vectors[at(k, q, n)];
          vectors[at(k, p, n)] = c * vkp - s * vkq;
          vectors[at(k, q, n)] = s * vkp + c * vkq;
        }
      }
    }
  }
  values.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) values[static_cast<size_t>(i)] = a[at(i, i, n)];
}

std::vector<double> min_norm_solve(const std::vector<double>& g, const std::vector<double>& h,
                                   int n) {
  check_sizes(g, h, n);
  std::vector<double> values, vectors;
  symmetric_eigen(g, n, values, vectors);
  double largest = 0.0;
  for (double v : values) largest = std::max(largest, std::abs(v));
  const double cutoff = static_cast<double>(n) * kEps * largest;
  std::vector<double> theta(static_cast<size_t>(n), 0.0);
  for (int k = 0; k < n; ++k) {
    const double lambda = values[static_cast<size_t>(k)];
    if (!(lambda > cutoff)) continue;  // also drops the rounding-negative ones of a PSD G
    double c = 0.0;
    for (int i = 0; i < n; ++i) c += vectors[at(i, k, n)] * h[static_cast<size_t>(i)];
    c /= lambda;
    for (int i = 0; i < n; ++i) theta[static_cast<size_t>(i)] += c * vectors[at(i, k, n)];
  }
  return theta;
}

std::vector<double> box_least_squares(const std::vector<double>& g, const std::vector<double>& h,
                                      const std::vector<double>& lo, const std::vector<double>& hi,
                                      std::vector<double> theta, int n) {
  check_sizes(g, h, n);
  const size_t un = static_cast<size_t>(n);
  LAS_CHECK(lo.size() == un && hi.size() == un && theta.size() == un,
            "box_least_squares: bound/start sizes for n = " << n);
  for (size_t j = 0; j < un; ++j) {
    LAS_CHECK(lo[j] <= hi[j],
              "box_least_squares: empty box [" << lo[j] << ", " << hi[j] << "] for " << j);
    const bool unused = !(g[at(static_cast<int>(j), static_cast<int>(j), n)] > 0.0);
    theta[j] = std::clamp(unused ? 0.0 : theta[j], lo[j], hi[j]);
  }
  constexpr int kMaxSweeps = 20000;
  constexpr int kExactEvery = 25;
  constexpr double kAccept = 1e-12;
  for (int sweep = 1; sweep <= kMaxSweeps; ++sweep) {
    bool moved = false;
    for (int j = 0; j < n; ++j) {
      const double gjj = g[at(j, j, n)];
      if (!(gjj > 0.0)) continue;
      double r = h[static_cast<size_t>(j)];
      for (int k = 0; k < n; ++k) r -= g[at(j, k, n)] * theta[static_cast<size_t>(k)];
      const double next = std::clamp(theta[static_cast<size_t>(j)] + r / gjj,
                                     lo[static_cast<size_t>(j)], hi[static_cast<size_t>(j)]);
      moved = moved || next != theta[static_cast<size_t>(j)];
      theta[static_cast<size_t>(j)] = next;
    }
    if (!moved) return theta;  // a fixed point of the projected sweep is KKT-optimal
    if (sweep % kExactEvery != 0) continue;
    std::vector<bool> fixed(un);
    for (size_t j = 0; j < un; ++j) fixed[j] = theta[j] == lo[j] || theta[j] == hi[j];
    std::vector<double> candidate = theta;
    if (solve_on_active_set(g, h, lo, hi, fixed, candidate, n) &&
        box_kkt_violation(g, h, lo, hi, candidate, n) <= kAccept) {
      return candidate;
    }
  }
  return theta;
}

double box_kkt_violation(const std::vector<double>& g, const std::vector<double>& h,
                         const std::vector<double>& lo, const std::vector<double>& hi,
                         const std::vector<double>& theta, int n) {
  check_sizes(g, h, n);
  const std::vector<double> r = gradient(g, h, theta, n);
  double scale_h = 0.0, scale_g = 0.0, scale_t = 0.0, worst = 0.0;
  for (int i = 0; i < n; ++i) {
    const size_t ui = static_cast<size_t>(i);
    scale_h = std::max(scale_h, std::abs(h[ui]));
    scale_t = std::max(scale_t, std::abs(theta[ui]));
    double row = 0.0;
    for (int j = 0; j < n; ++j) row += std::abs(g[at(i, j, n)]);
    scale_g = std::max(scale_g, row);
    double violation = 0.0;
    if (lo[ui] == hi[ui]) {
      violation = 0.0;  // a fixed variable has no optimality condition
    } else if (theta[ui] <= lo[ui]) {
      violation = std::max(0.0, -r[ui]);  // descent would increase θ_i into the box
    } else if (theta[ui] >= hi[ui]) {
      violation = std::max(0.0, r[ui]);
    } else {
      violation = std::abs(r[ui]);
    }
    worst = std::max(worst, violation);
  }
  const double scale = scale_h + scale_g * scale_t;
  return scale > 0.0 ? worst / scale : worst;
}

}  // namespace las::learning
