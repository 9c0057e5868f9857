// SPDX-License-Identifier: BSD-3-Clause
// Serial oracles for kernels/ot.hpp. Tests only. The cost is a dense row-major
// rows x cols matrix; log-sum-exps use the textbook two-pass form (find the maximum,
// then sum), not the kernels' streaming form, so the two are independent.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

namespace las::kernels::reference {

/// C_ij for points (one per row of a row-major n x dim array): kind 0 squared
/// Euclidean, 1 Euclidean, 2 L1 (as kernels::OtCost).
inline std::vector<double> ot_cost_from_points(const std::vector<double>& row_points,
                                               const std::vector<double>& col_points,
                                               size_t dim, int kind) {
  const size_t rows = row_points.size() / dim, cols = col_points.size() / dim;
  std::vector<double> c(rows * cols);
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) {
      double s = 0;
      for (size_t k = 0; k < dim; ++k) {
        const double d = row_points[i * dim + k] - col_points[j * dim + k];
        s += kind == 2 ? std::abs(d) : d * d;
      }
      c[i * cols + j] = kind == 1 ? std::sqrt(s) : s;
    }
  return c;
}

inline double log_sum_exp(const std::vector<double>& a) {
  const double m = *std::max_element(a.begin(), a.end());
  double s = 0;
  for (double v : a) s += std::exp(v - m);
  return m + std::log(s);
}

/// log sum_j exp(eta (y_j - C_ij)) per row.
inline std::vector<double> ot_row_lse(const std::vector<double>& c, size_t rows, size_t cols,
                                      double eta, const std::vector<double>& y) {
  std::vector<double> out(rows), a(cols);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) a[j] = eta * (y[j] - c[i * cols + j]);
    out[i] = log_sum_exp(a);
  }
  return out;
}

/// log sum_i exp(eta (x_i - C_ij)) per column (the combined value, not a pair).
inline std::vector<double> ot_col_lse(const std::vector<double>& c, size_t rows, size_t cols,
                                      double eta, const std::vector<double>& x) {
  std::vector<double> out(cols), a(rows);
  for (size_t j = 0; j < cols; ++j) {
    for (size_t i = 0; i < rows; ++i) a[i] = eta * (x[i] - c[i * cols + j]);
    out[j] = log_sum_exp(a);
  }
  return out;
}

/// P_ij = exp(eta (x_i + y_j - C_ij) - 1), row-major.
inline std::vector<double> ot_plan(const std::vector<double>& c, size_t rows, size_t cols,
                                   double eta, const std::vector<double>& x,
                                   const std::vector<double>& y) {
  std::vector<double> p(rows * cols);
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j)
      p[i * cols + j] = std::exp(eta * (x[i] + y[j] - c[i * cols + j]) - 1.0);
  return p;
}

/// The k-th largest value (k >= 1) by a full sort: the oracle for threshold selection.
inline double kth_largest(std::vector<double> v, size_t k) {
  std::sort(v.begin(), v.end(), std::greater<double>());
  return v[std::min(k, v.size()) - 1];
}

}  // namespace las::kernels::reference
