// SPDX-License-Identifier: BSD-3-Clause
// xoshiro256**/splitmix64 against the published reference outputs, and the derived
// uniform and categorical draws against their distributions (statistical bounds).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"

namespace las::learning {
namespace {

TEST(Rng, SplitMix64MatchesTheReferenceOutputs) {
  // Vigna's splitmix64.c from state 0 (the vectors used across implementations).
  std::uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xe220a8397b1dcdafULL);
  EXPECT_EQ(splitmix64(state), 0x6e789e6aa1b965f4ULL);
  EXPECT_EQ(splitmix64(state), 0x06c45d188009454fULL);
  EXPECT_EQ(splitmix64(state), 0xf88bb8a8724c81ecULL);
}

TEST(Rng, Xoshiro256StarStarMatchesTheReferenceOutputs) {
  // xoshiro256starstar.c from the state {1, 2, 3, 4} (rand_xoshiro's reference test).
  const std::uint64_t expected[] = {11520ULL,
                                    0ULL,
                                    1509978240ULL,
                                    1215971899390074240ULL,
                                    1216172134540287360ULL,
                                    607988272756665600ULL,
                                    16172922978634559625ULL,
                                    8476171486693032832ULL,
                                    10595114339597558777ULL,
                                    2904607092377533576ULL};
  Rng rng(0);
  rng.set_state({1, 2, 3, 4});
  for (std::uint64_t e : expected) EXPECT_EQ(rng.next(), e);
}

TEST(Rng, SeedingUsesSplitMix64Words) {
  std::uint64_t s = 12345;
  const Rng::State expected{splitmix64(s), splitmix64(s), splitmix64(s), splitmix64(s)};
  EXPECT_EQ(Rng(12345).state(), expected);
}

TEST(Rng, UniformIsInTheUnitIntervalWithTheRightMoments) {
  Rng rng(2024);
  constexpr int n = 1000000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    ASSERT_EQ(std::ldexp(u, 53), std::floor(std::ldexp(u, 53))) << "not a multiple of 2^-53";
    sum += u;
    sum_sq += (u - 0.5) * (u - 0.5);
  }
  // U(0,1): mean 1/2 with sd sqrt(1/12/n); E(U − ½)² = 1/12 with sd sqrt((1/80 − 1/144)/n).
  // Six standard deviations: a correct generator fails with probability ~2e-9.
  EXPECT_NEAR(sum / n, 0.5, 6.0 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(sum_sq / n, 1.0 / 12.0, 6.0 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
}

TEST(Rng, RestoredStateContinuesTheIdenticalStream) {
  Rng a(7);
  for (int i = 0; i < 1000; ++i) a.next();
  const Rng::State saved = a.state();
  std::vector<std::uint64_t> expected;
  for (int i = 0; i < 1000; ++i) expected.push_back(a.next());
  Rng b(99);
  b.set_state(saved);
  for (std::uint64_t e : expected) ASSERT_EQ(b.next(), e);
}

TEST(Rng, CategoricalFrequenciesMatchTheProbabilities) {
  // Unnormalised on purpose (sum 2): draws follow p / sum(p). The zero entry never wins.
  const std::vector<double> w = {1.0, 0.4, 0.3, 0.0, 0.2, 0.1};
  double total = 0.0;
  for (double x : w) total += x;
  Rng rng(31337);
  constexpr int n = 200000;
  std::vector<long long> counts(w.size(), 0);
  for (int i = 0; i < n; ++i) ++counts.at(static_cast<size_t>(rng.categorical(w)));
  EXPECT_EQ(counts[3], 0);
  double chi2 = 0.0;
  int categories = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == 0.0) continue;
    const double expected = n * w[i] / total;
    chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    ++categories;
  }
  // Chi-square with k = categories − 1 degrees of freedom; its 1 − 1e-6 quantile by
  // Wilson–Hilferty, k (1 − 2/(9k) + z sqrt(2/(9k)))³ with z = 4.753.
  const double k = categories - 1;
  const double quantile =
      k * std::pow(1.0 - 2.0 / (9.0 * k) + 4.753 * std::sqrt(2.0 / (9.0 * k)), 3);
  EXPECT_LT(chi2, quantile);
}

TEST(Rng, InvalidInputsThrow) {
  Rng rng(1);
  EXPECT_THROW(rng.categorical({}), Error);
  EXPECT_THROW(rng.categorical({0.5, -0.1}), Error);
  EXPECT_THROW(rng.categorical({0.5, std::nan("")}), Error);
  EXPECT_THROW(rng.categorical({0.0, 0.0}), Error);
  EXPECT_THROW(rng.set_state({0, 0, 0, 0}), InputError);
}

}  // namespace
}  // namespace las::learning
