// SPDX-License-Identifier: BSD-3-Clause
// Independent oracles for the learning tests: dense least squares by Householder QR,
// Gaussian elimination, Chebyshev polynomials from cos(k·acos u), and a policy driver.
// None of this shares code with las::learning.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "solvers/learning/policy.hpp"

namespace las::learning::testing {

using Matrix = std::vector<std::vector<double>>;  // row-major rows

/// T_k(u) = cos(k·acos u) on [−1, 1]: the definition, not the recurrence.
inline double chebyshev_t(int k, double u) {
  return std::cos(k * std::acos(std::clamp(u, -1.0, 1.0)));
}

/// Solves the square system a x = b by Gaussian elimination with partial pivoting.
inline std::vector<double> gauss_solve(Matrix a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t p = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
    std::swap(a[c], a[p]);
    std::swap(b[c], b[p]);
    for (size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[i][k] * x[k];
    x[i] = s / a[i][i];
  }
  return x;
}

/// argmin ‖Φθ − y‖ for a full-column-rank Φ (rows >= cols) by Householder QR.
inline std::vector<double> qr_least_squares(Matrix phi, std::vector<double> y) {
  const size_t n = phi.size(), m = phi.front().size();
  for (size_t c = 0; c < m; ++c) {
    double norm = 0.0;
    for (size_t r = c; r < n; ++r) norm += phi[r][c] * phi[r][c];
    norm = std::sqrt(norm);
    const double alpha = phi[c][c] > 0 ? -norm : norm;
    std::vector<double> v(n, 0.0);
    for (size_t r = c; r < n; ++r) v[r] = phi[r][c];
    v[c] -= alpha;
    double vv = 0.0;
    for (size_t r = c; r < n; ++r) vv += v[r] * v[r];
    if (vv == 0.0) continue;
    for (size_t k = c; k < m; ++k) {
      double s = 0.0;
      for (size_t r = c; r < n; ++r) s += v[r] * phi[r][k];
      for (size_t r = c; r < n; ++r) phi[r][k] -= 2.0 * s / vv * v[r];
    }
    double s = 0.0;
    for (size_t r = c; r < n; ++r) s += v[r] * y[r];
    for (size_t r = c; r < n; ++r) y[r] -= 2.0 * s / vv * v[r];
  }
  std::vector<double> x(m);
  for (size_t i = m; i-- > 0;) {
    double s = y[i];
    for (size_t k = i + 1; k < m; ++k) s -= phi[i][k] * x[k];
    x[i] = s / phi[i][i];
  }
  return x;
}

/// One round's record of a policy run.
struct Round {
  double context;
  int arm;
  double cost;
  std::vector<double> p;
};

/// Runs `rounds` choose/update rounds; contexts and costs come from the callbacks
/// (round index t from 0).
inline std::vector<Round> drive(Policy& policy, int rounds,
                                const std::function<double(int)>& context,
                                const std::function<double(int, int, double)>& cost) {
  std::vector<Round> out;
  for (int t = 0; t < rounds; ++t) {
    const double c = context(t);
    const int arm = policy.choose(c);
    const double l = cost(t, arm, c);
    out.push_back({c, arm, l, policy.probabilities()});
    policy.update(l);
  }
  return out;
}

}  // namespace las::learning::testing
