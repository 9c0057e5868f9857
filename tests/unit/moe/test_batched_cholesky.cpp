// SPDX-License-Identifier: BSD-3-Clause
// kernels/batched_cholesky.hpp against the serial reference Cholesky on random SPD
// matrices of several sizes, and the flag for matrices that are not SPD.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernels/batched_cholesky.hpp"
#include "kernels/reference/batched_cholesky_ref.hpp"

namespace {

namespace kk = las::kernels;
namespace ref = las::kernels::reference;

/// X Xᵀ + I for a random n x n X: SPD with a modest condition number.
std::vector<double> random_spd(size_t n, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> x(n * n), a(n * n, 0.0);
  for (auto& v : x) v = u(rng);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      for (size_t k = 0; k < n; ++k) a[i * n + j] += x[i * n + k] * x[j * n + k];
      if (i == j) a[i * n + j] += 1;
    }
  return a;
}

class BatchedCholesky : public ::testing::TestWithParam<int> {};

TEST_P(BatchedCholesky, MatchesSerialFactorAndSolve) {
  const size_t n = static_cast<size_t>(GetParam()), batch = 17;
  std::mt19937 rng(11 + static_cast<unsigned>(n));
  std::uniform_real_distribution<double> u(-1, 1);
  kk::BatchMatrices a("a", batch, n, n);
  kk::BatchVectors x("x", batch, n);
  kk::BatchFlags failed("failed", batch);
  auto ah = Kokkos::create_mirror_view(a);
  auto xh = Kokkos::create_mirror_view(x);
  std::vector<std::vector<double>> mats, rhs;
  for (size_t b = 0; b < batch; ++b) {
    mats.push_back(random_spd(n, rng));
    rhs.emplace_back(n);
    for (size_t i = 0; i < n; ++i) {
      rhs[b][i] = xh(b, i) = u(rng);
      for (size_t j = 0; j < n; ++j) ah(b, i, j) = mats[b][i * n + j];
    }
  }
  Kokkos::deep_copy(a, ah);
  Kokkos::deep_copy(x, xh);
  kk::batched_cholesky_factor(a, failed);
  kk::batched_cholesky_solve(a, failed, x);
  Kokkos::deep_copy(ah, a);
  Kokkos::deep_copy(xh, x);
  const auto fh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), failed);
  for (size_t b = 0; b < batch; ++b) {
    ASSERT_EQ(fh(b), 0) << "problem " << b;
    const std::vector<double> l = ref::cholesky_factor(mats[b], n);
    ASSERT_FALSE(l.empty());
    const std::vector<double> sol = ref::cholesky_solve(l, n, rhs[b]);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j <= i; ++j)
        EXPECT_NEAR(ah(b, i, j), l[i * n + j], 1e-12 * (1 + std::abs(l[i * n + j]))) << b << " " << i << " " << j;
      EXPECT_NEAR(xh(b, i), sol[i], 1e-11 * (1 + std::abs(sol[i]))) << b << " " << i;
    }
    // And the solution solves the system (the oracle could share a mistake).
    for (size_t i = 0; i < n; ++i) {
      double s = 0;
      for (size_t j = 0; j < n; ++j) s += mats[b][i * n + j] * xh(b, j);
      EXPECT_NEAR(s, rhs[b][i], 1e-10);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, BatchedCholesky, ::testing::Values(1, 5, 16, 64));

TEST(BatchedCholesky, FlagsMatricesThatAreNotSpd) {
  const size_t n = 4, batch = 4;
  std::mt19937 rng(5);
  kk::BatchMatrices a("a", batch, n, n);
  kk::BatchFlags failed("failed", batch);
  auto ah = Kokkos::create_mirror_view(a);
  for (size_t b = 0; b < batch; ++b) {
    const std::vector<double> m = random_spd(n, rng);
    for (size_t i = 0; i < n * n; ++i) ah(b, i / n, i % n) = m[i];
  }
  ah(1, 2, 2) = -ah(1, 2, 2);                               // indefinite
  for (size_t i = 0; i < n; ++i) ah(2, i, 3) = ah(2, 3, i) = 0;  // singular: zero pivot
  ah(3, 1, 0) = ah(3, 0, 1) = std::numeric_limits<double>::quiet_NaN();
  Kokkos::deep_copy(a, ah);
  kk::batched_cholesky_factor(a, failed);
  const auto fh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), failed);
  EXPECT_EQ(fh(0), 0);
  EXPECT_EQ(fh(1), 1);
  EXPECT_EQ(fh(2), 1);
  EXPECT_EQ(fh(3), 1);
}

}  // namespace
