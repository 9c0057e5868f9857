// SPDX-License-Identifier: BSD-3-Clause
// Serial oracle for kernels/batched_cholesky.hpp (tests only): the textbook
// column-by-column Cholesky–Banachiewicz on one row-major n x n std::vector.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

namespace las::kernels::reference {

/// Returns the lower factor L (zeros above the diagonal) of the SPD matrix a, or an empty
/// vector when a pivot is not positive (a is not numerically SPD).
inline std::vector<double> cholesky_factor(const std::vector<double>& a, size_t n) {
  std::vector<double> l(n * n, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      if (i == j) {
        if (!(s > 0)) return {};
        l[i * n + i] = std::sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j];
      }
    }
  return l;
}

/// Solves L Lᵀ x = b.
inline std::vector<double> cholesky_solve(const std::vector<double>& l, size_t n, std::vector<double> b) {
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < i; ++k) b[i] -= l[i * n + k] * b[k];
    b[i] /= l[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    for (size_t k = i + 1; k < n; ++k) b[i] -= l[k * n + i] * b[k];
    b[i] /= l[i * n + i];
  }
  return b;
}

}  // namespace las::kernels::reference
