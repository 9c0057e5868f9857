// SPDX-License-Identifier: BSD-3-Clause
// Tsallis-INF-CB: bin centres as in TsallisINFCB.m and routing of contexts to the
// nearest centre (and of the feedback to that bin's learner).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/learning/binned_tsallis_inf.hpp"

namespace las::learning {
namespace {

constexpr double kA = -0.15, kB = 0.65;

TEST(BinnedTsallisInf, CentresAreTheNotesLinspace) {
  for (int m : {1, 2, 5, 6}) {
    BinnedTsallisInf policy(omega_grid(), 1, kA, kB, m);
    ASSERT_EQ(policy.bins(), m);
    for (int j = 0; j < m; ++j) {
      // a + (b − a)·linspace(½m⁻¹, 1 − ½m⁻¹, m)[j]
      const double lin = m == 1 ? 0.5 / m : 0.5 / m + (1.0 - 1.0 / m) * j / (m - 1);
      EXPECT_NEAR(policy.bin_centre(j), kA + (kB - kA) * lin, 1e-15);
    }
  }
}

TEST(BinnedTsallisInf, ContextsRouteToTheNearestCentre) {
  constexpr int m = 5;
  BinnedTsallisInf policy(omega_grid(), 1, kA, kB, m);
  const double width = (kB - kA) / m;
  for (int i = 0; i <= 1000; ++i) {
    const double c = kA - 0.5 + 1.8 * i / 1000.0;  // beyond both ends too
    // Bin j covers [a + j·w, a + (j+1)·w) — the points nearer to its centre than to its
    // neighbours' — and the end bins extend to ±∞. Skip points within 1e-12 of a border.
    const double s = (c - kA) / width;
    if (std::abs(s - std::round(s)) < 1e-12) continue;
    const int expected = std::clamp(static_cast<int>(std::floor(s)), 0, m - 1);
    EXPECT_EQ(policy.bin_of(c), expected) << "context " << c;
  }
  // A context exactly between two centres goes to the lower bin (MATLAB's min).
  const double border = 0.5 * (policy.bin_centre(1) + policy.bin_centre(2));
  if (std::abs(policy.bin_centre(1) - border) == std::abs(policy.bin_centre(2) - border)) {
    EXPECT_EQ(policy.bin_of(border), 1);
  }
  EXPECT_THROW(policy.bin_of(std::nan("")), Error);
}

TEST(BinnedTsallisInf, FeedbackGoesToTheChosenBinOnly) {
  constexpr int m = 5;
  BinnedTsallisInf policy(omega_grid(), 9, kA, kB, m);
  // Bin j covers [a + 0.16 j, a + 0.16 (j + 1)) = [-0.15, 0.01), [0.01, 0.17), ...
  const double contexts[] = {-1.0, 0.0, 0.1, 0.3, 0.45, 0.64, 2.0, 0.1};
  const int bins[] = {0, 0, 1, 2, 3, 4, 4, 1};
  std::vector<long long> expected(m, 0);
  for (size_t i = 0; i < std::size(contexts); ++i) {
    policy.choose(contexts[i]);
    EXPECT_EQ(policy.probabilities(), policy.learner(bins[i]).probabilities());
    policy.update(5.0);
    ++expected[static_cast<size_t>(bins[i])];
    for (int j = 0; j < m; ++j)
      EXPECT_EQ(policy.learner(j).rounds(), expected[static_cast<size_t>(j)]);
  }
  EXPECT_EQ(policy.rounds(), static_cast<long long>(std::size(contexts)));
}

TEST(BinnedTsallisInf, RejectsBadConfiguration) {
  EXPECT_THROW(BinnedTsallisInf(omega_grid(), 1, 1.0, 1.0, 5), ConfigError);
  EXPECT_THROW(BinnedTsallisInf(omega_grid(), 1, 1.0, 0.0, 5), ConfigError);
  EXPECT_THROW(BinnedTsallisInf(omega_grid(), 1, 0.0, std::nan(""), 5), ConfigError);
  EXPECT_THROW(BinnedTsallisInf(omega_grid(), 1, 0.0, 1.0, 0), ConfigError);
  EXPECT_THROW(BinnedTsallisInf({}, 1, 0.0, 1.0, 5), ConfigError);
}

}  // namespace
}  // namespace las::learning
