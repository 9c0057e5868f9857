// SPDX-License-Identifier: BSD-3-Clause
// The Thomas algorithm against its own definition: A x = b for a random diagonally
// dominant matrix, checked by multiplying back, and against a hand-solved 3x3 system.
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/pde/tridiagonal.hpp"

namespace las::pde {
namespace {

TEST(Tridiagonal, SolvesThreeByThreeByHand) {
  // [2 1 0; 1 3 1; 0 1 2] x = [3 5 3] has x = [1 1 1].
  Tridiagonal a(3);
  a.diag = {2, 3, 2};
  a.upper = {1, 1, 0};
  a.lower = {0, 1, 1};
  std::vector<double> b = {3, 5, 3}, scratch;
  solve_tridiagonal(a, b, scratch);
  for (double v : b) EXPECT_NEAR(v, 1.0, 1e-15);
}

TEST(Tridiagonal, RandomDiagonallyDominantSystemMultipliesBack) {
  learning::Rng rng(42);
  const std::size_t n = 500;
  Tridiagonal a(n);
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    a.lower[i] = i > 0 ? rng.uniform() - 0.5 : 0.0;
    a.upper[i] = i + 1 < n ? rng.uniform() - 0.5 : 0.0;
    a.diag[i] = 1.5 + rng.uniform();
    x[i] = rng.uniform() - 0.5;
  }
  std::vector<double> b = multiply(a, x), scratch;
  solve_tridiagonal(a, b, scratch);
  for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(b[i], x[i], 1e-14) << "row " << i;
}

TEST(Tridiagonal, ZeroPivotIsAnError) {
  Tridiagonal a(2);
  a.diag = {0, 1};
  std::vector<double> b = {1, 1}, scratch;
  EXPECT_THROW(solve_tridiagonal(a, b, scratch), Error);
}

}  // namespace
}  // namespace las::pde
