// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/pde/tridiagonal.hpp"

#include "solvers/core/error.hpp"

namespace las::pde {

void solve_tridiagonal(const Tridiagonal& a, std::vector<double>& rhs, std::vector<double>& scratch) {
  const std::size_t n = a.size();
  LAS_CHECK(rhs.size() == n, "solve_tridiagonal: rhs has " << rhs.size() << " entries, matrix order " << n);
  if (n == 0) return;
  scratch.resize(n);
  // Forward sweep: scratch holds the modified super-diagonal c'.
  double pivot = a.diag[0];
  LAS_CHECK(pivot != 0.0, "solve_tridiagonal: zero pivot in row 0");
  scratch[0] = n > 1 ? a.upper[0] / pivot : 0.0;
  rhs[0] /= pivot;
  for (std::size_t i = 1; i < n; ++i) {
    pivot = a.diag[i] - a.lower[i] * scratch[i - 1];
    LAS_CHECK(pivot != 0.0, "solve_tridiagonal: zero pivot in row " << i);
    scratch[i] = i + 1 < n ? a.upper[i] / pivot : 0.0;
    rhs[i] = (rhs[i] - a.lower[i] * rhs[i - 1]) / pivot;
  }
  for (std::size_t i = n - 1; i-- > 0;) rhs[i] -= scratch[i] * rhs[i + 1];
}

std::vector<double> multiply(const Tridiagonal& a, const std::vector<double>& x) {
  const std::size_t n = a.size();
  LAS_CHECK(x.size() == n, "multiply: x has " << x.size() << " entries, matrix order " << n);
  std::vector<double> y(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = a.diag[i] * x[i];
    if (i > 0) y[i] += a.lower[i] * x[i - 1];
    if (i + 1 < n) y[i] += a.upper[i] * x[i + 1];
  }
  return y;
}

}  // namespace las::pde
