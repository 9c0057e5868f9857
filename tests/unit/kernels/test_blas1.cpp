// SPDX-License-Identifier: BSD-3-Clause
// blas1 kernels against the serial oracle in kernels/reference/blas1_ref.hpp.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/blas1.hpp"
#include "kernels/reference/blas1_ref.hpp"
#include "test_kernels_common.hpp"

namespace las {
namespace {

constexpr size_t kN = 1001;  // odd: no accidental alignment with vector widths

TEST(Blas1, DotAxpyAypxMatchOracle) {
  const auto x = test::random_vector(kN, 1), y = test::random_vector(kN, 2);
  auto dx = test::to_device(x), dy = test::to_device(y);
  EXPECT_NEAR(kernels::dot(dx, dy), kernels::reference::dot(x, y), 1e-12);

  auto yr = y;
  kernels::reference::axpy(0.7, x, yr);
  kernels::axpy(0.7, dx, dy);
  const auto ya = test::to_host(dy);
  for (size_t i = 0; i < kN; ++i) ASSERT_DOUBLE_EQ(ya[i], yr[i]) << i;

  kernels::reference::aypx(-0.3, x, yr);
  kernels::aypx(-0.3, dx, dy);
  const auto yb = test::to_host(dy);
  for (size_t i = 0; i < kN; ++i) ASSERT_DOUBLE_EQ(yb[i], yr[i]) << i;
}

TEST(Blas1, FusedCgUpdateMatchesSeparateSteps) {
  const auto p = test::random_vector(kN, 3), q = test::random_vector(kN, 4);
  auto x = test::random_vector(kN, 5), r = test::random_vector(kN, 6);
  auto dp = test::to_device(p), dq = test::to_device(q), dx = test::to_device(x), dr = test::to_device(r);
  const double alpha = 0.37;
  const double rr = kernels::cg_update(alpha, dp, dq, dx, dr);
  kernels::reference::axpy(alpha, p, x);
  kernels::reference::axpy(-alpha, q, r);
  EXPECT_NEAR(rr, kernels::reference::dot(r, r), 1e-12);
  const auto xh = test::to_host(dx), rh = test::to_host(dr);
  for (size_t i = 0; i < kN; ++i) {
    ASSERT_DOUBLE_EQ(xh[i], x[i]);
    ASSERT_DOUBLE_EQ(rh[i], r[i]);
  }
}

TEST(Blas1, FusedJacobiUpdateMatchesSeparateSteps) {
  const auto p = test::random_vector(kN, 7), q = test::random_vector(kN, 8);
  const auto dinv = test::random_vector(kN, 9, 0.5, 2.0);
  auto x = test::random_vector(kN, 10), r = test::random_vector(kN, 11);
  auto dx = test::to_device(x), dr = test::to_device(r);
  kernels::Vector dz("z", kN);
  const auto dots = kernels::pcg_jacobi_update(0.5, test::to_device(p), test::to_device(q),
                                               test::to_device(dinv), dx, dr, dz);
  kernels::reference::axpy(-0.5, q, r);
  std::vector<double> z(kN);
  for (size_t i = 0; i < kN; ++i) z[i] = dinv[i] * r[i];
  EXPECT_NEAR(dots.first, kernels::reference::dot(r, z), 1e-12);
  EXPECT_NEAR(dots.second, kernels::reference::dot(r, r), 1e-12);
  const auto zh = test::to_host(dz);
  for (size_t i = 0; i < kN; ++i) ASSERT_DOUBLE_EQ(zh[i], z[i]);
}

TEST(Blas1, CountsNonFiniteEntries) {
  auto v = test::random_vector(kN, 12);
  v[17] = std::numeric_limits<double>::quiet_NaN();
  v[400] = std::numeric_limits<double>::infinity();
  EXPECT_EQ(kernels::count_nonfinite(test::to_device(v)), 2u);
}

}  // namespace
}  // namespace las
