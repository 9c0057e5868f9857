// SPDX-License-Identifier: BSD-3-Clause
// The samplers against their analytic moments (statistical bounds of 6 standard errors,
// so a correct sampler fails with probability < 1e-8 per check).
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/sequences/samplers.hpp"

namespace las::sequences {
namespace {

constexpr int kDraws = 200000;

struct Moments {
  double mean = 0, variance = 0;
};

template <class Draw>
Moments moments(Draw&& draw) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double v = draw();
    sum += v;
    sum2 += v * v;
  }
  Moments m;
  m.mean = sum / kDraws;
  m.variance = sum2 / kDraws - m.mean * m.mean;
  return m;
}

void expect_beta_moments(double a, double b) {
  learning::Rng rng(42);
  const Moments m = moments([&] { return beta(rng, a, b); });
  const double mean = a / (a + b);
  const double var = a * b / ((a + b) * (a + b) * (a + b + 1));
  EXPECT_NEAR(m.mean, mean, 6 * std::sqrt(var / kDraws)) << "Beta(" << a << ", " << b << ")";
  // Var of the sample variance <= E[(X - mu)^4] / n <= var / n for X in [0, 1].
  EXPECT_NEAR(m.variance, var, 6 * std::sqrt(var / kDraws)) << "Beta(" << a << ", " << b << ")";
}

TEST(Samplers, BetaMatchesAnalyticMoments) {
  expect_beta_moments(0.5, 1.5);  // the paper's high-variance shifts
  expect_beta_moments(2.0, 6.0);  // low variance
  expect_beta_moments(1.0, 1.0);  // uniform
}

TEST(Samplers, BetaStaysInUnitInterval) {
  learning::Rng rng(3);
  for (int i = 0; i < 10000; ++i) {
    const double v = beta(rng, 0.5, 1.5);
    ASSERT_GE(v, 0.0);
    ASSERT_LE(v, 1.0);
  }
}

TEST(Samplers, NormalHasZeroMeanUnitVariance) {
  learning::Rng rng(5);
  const Moments m = moments([&] { return standard_normal(rng); });
  EXPECT_NEAR(m.mean, 0.0, 6 / std::sqrt(kDraws));
  EXPECT_NEAR(m.variance, 1.0, 6 * std::sqrt(2.0 / kDraws));  // Var(s^2) = 2/n for N(0,1)
}

TEST(Samplers, TruncatedGaussianRespectsRadius) {
  learning::Rng rng(9);
  for (int i = 0; i < 200; ++i) {
    const auto g = truncated_gaussian(rng, 100, 10.0);
    double norm2 = 0;
    for (double v : g) norm2 += v * v;
    ASSERT_LE(norm2, 100.0);
  }
}

TEST(Samplers, InstanceSeedsArePureAndDistinct) {
  EXPECT_EQ(instance_seed(1, 17), instance_seed(1, 17));
  EXPECT_NE(instance_seed(1, 17), instance_seed(1, 18));
  EXPECT_NE(instance_seed(1, 17), instance_seed(2, 17));
}

}  // namespace
}  // namespace las::sequences
