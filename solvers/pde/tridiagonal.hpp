// SPDX-License-Identifier: BSD-3-Clause
// The Thomas algorithm for one tridiagonal system (the Newton systems of the 1D
// finite-volume solver). Serial by nature: the 1D problems here are solved whole by one
// rank, so parallelism comes from solving many trajectories at once.
#pragma once

#include <vector>

namespace las::pde {

/// A tridiagonal matrix of order n: lower[i] = A(i, i-1) (lower[0] unused),
/// diag[i] = A(i, i), upper[i] = A(i, i+1) (upper[n-1] unused).
struct Tridiagonal {
  std::vector<double> lower;
  std::vector<double> diag;
  std::vector<double> upper;

  explicit Tridiagonal(std::size_t n = 0) : lower(n, 0.0), diag(n, 0.0), upper(n, 0.0) {}
  std::size_t size() const { return diag.size(); }
};

/// Solves A x = rhs in place (rhs becomes x) by Gaussian elimination without pivoting,
/// which is stable for the diagonally dominant matrices it is used on. Throws las::Error
/// on a zero pivot. `scratch` is resized as needed (no allocation in a time loop).
void solve_tridiagonal(const Tridiagonal& a, std::vector<double>& rhs, std::vector<double>& scratch);

/// y = A x (the tests' check of the solve, and residuals).
std::vector<double> multiply(const Tridiagonal& a, const std::vector<double>& x);

}  // namespace las::pde
