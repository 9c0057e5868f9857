// SPDX-License-Identifier: BSD-3-Clause
// The small dense spectra AdaSketch-Newton's step relies on, against closed forms.
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/opt/dense_spectra.hpp"

namespace las::opt {
namespace {

TEST(OptDense, SpectraOfKnownMatrices) {
  // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
  DenseMatrix a(2, 2);
  a.values = {2, 1, 1, 2};
  const auto eig = symmetric_eigenvalues(a);
  EXPECT_NEAR(eig[0], 1.0, 1e-14);
  EXPECT_NEAR(eig[1], 3.0, 1e-14);
  // ‖[[3, 0, 0], [0, 0, 4]]‖₂ = 4 (a 2 x 3 matrix: the smaller Gram matrix is used).
  DenseMatrix b(2, 3);
  b.values = {3, 0, 0, 0, 0, 4};
  EXPECT_NEAR(spectral_norm(b), 4.0, 1e-14);
  EXPECT_NEAR(spectral_norm(DenseMatrix(3, 2)), 0.0, 0.0);
}

TEST(OptDense, NullSpaceBasisOfAFullRowRankMatrix) {
  // J = [[1, 1, 1], [1, -1, 0]]: null space spanned by (1, 1, -2)/√6.
  DenseMatrix j(2, 3);
  j.values = {1, 1, 1, 1, -1, 0};
  const DenseMatrix z = null_space_basis(j);
  ASSERT_EQ(z.rows, 3);
  ASSERT_EQ(z.cols, 1);
  const double s = z(0, 0) > 0 ? 1.0 : -1.0;  // the basis vector's sign is arbitrary
  EXPECT_NEAR(s * z(0, 0), 1.0 / std::sqrt(6.0), 1e-14);
  EXPECT_NEAR(s * z(1, 0), 1.0 / std::sqrt(6.0), 1e-14);
  EXPECT_NEAR(s * z(2, 0), -2.0 / std::sqrt(6.0), 1e-14);
  // Square (m = n): no null space.
  EXPECT_EQ(null_space_basis(DenseMatrix(2, 2)).cols, 0);
}

}  // namespace
}  // namespace las::opt
