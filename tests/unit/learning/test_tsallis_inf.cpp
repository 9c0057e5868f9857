// SPDX-License-Identifier: BSD-3-Clause
// Tsallis-INF: the normalisation against an independent bisection on its defining
// equation, validity of p under adversarial losses, and learning on a stochastic bandit
// against the Zimmert–Seldin regret bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "learning_test_support.hpp"
#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/learning/tsallis_inf.hpp"

namespace las::learning {
namespace {

// x solving Σ 4/(η(k_i − x))² = 1 by plain bisection in x (the paper's variable), on
// [min k − 2√d/η, min k − 2/η] where the sum is <= 1 and >= 1.
double bisect_normaliser(const std::vector<double>& k, double eta) {
  const double kmin = *std::min_element(k.begin(), k.end());
  double lo = kmin - 2.0 * std::sqrt(static_cast<double>(k.size())) / eta, hi = kmin - 2.0 / eta;
  for (int it = 0; it < 2000 && lo < hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    double sum = 0.0;
    for (double ki : k) sum += 4.0 / ((eta * (ki - mid)) * (eta * (ki - mid)));
    (sum > 1.0 ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

TEST(TsallisInf, NormalisationMatchesAnIndependentBisection) {
  Rng rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t d = 1 + static_cast<size_t>(trial % 25);
    const double eta = 2.0 / std::sqrt(1.0 + trial * 37.0);
    std::vector<double> k(d);
    const double spread = std::pow(10.0, trial % 7 - 2);  // 0.01 ... 1e4
    for (double& ki : k) ki = spread * rng.uniform();
    double x = 0.0;
    const std::vector<double> p = tsallis_probabilities(k, eta, &x);
    const double x_ref = bisect_normaliser(k, eta);
    // The bisection works in x, where min k − x loses digits against |k|: tolerance
    // scaled by η·max k (the size of η(k − x)'s rounding error).
    const double kmax = *std::max_element(k.begin(), k.end());
    const double tol = 1e-12 * (1.0 + eta * kmax);
    EXPECT_NEAR(x * eta, x_ref * eta, tol) << "trial " << trial;
    double sum = 0.0;
    for (size_t i = 0; i < d; ++i) {
      const double z = eta * (k[i] - x_ref);
      EXPECT_NEAR(p[i], 4.0 / (z * z), 4 * tol) << "trial " << trial << " arm " << i;
      sum += p[i];
    }
    EXPECT_NEAR(sum, 1.0, 1e-12);
  }
}

TEST(TsallisInf, ProbabilitiesStayValidUnderAdversarialLosses) {
  const std::vector<std::pair<std::string, std::function<double(int, int)>>> scenarios = {
      {"all ones (scale 0)", [](int, int) { return 1.0; }},
      {"huge", [](int, int) { return 1e6; }},
      {"alternating 1 / 1e6", [](int t, int) { return t % 2 ? 1.0 : 1e6; }},
      {"zero (clipped to 1)", [](int, int) { return 0.0; }},
      {"huge on the favoured arm", [](int, int arm) { return arm == 3 ? 1e6 : 1.0; }},
      {"arm-dependent spikes",
       [](int t, int arm) { return (t * 7 + arm * 13) % 11 == 0 ? 1e6 : 1.0 + arm; }},
  };
  for (const auto& [label, loss] : scenarios) {
    TsallisInf policy(omega_grid(), 11);
    for (int t = 0; t < 10000; ++t) {
      const int arm = policy.choose(0.0);
      ASSERT_GE(arm, 0);
      ASSERT_LT(arm, 20);
      double sum = 0.0;
      for (double p : policy.probabilities()) {
        ASSERT_TRUE(std::isfinite(p)) << label << " t=" << t;
        ASSERT_GE(p, 0.0) << label;
        ASSERT_LE(p, 1.0) << label;
        sum += p;
      }
      ASSERT_NEAR(sum, 1.0, 1e-12) << label << " t=" << t;
      ASSERT_GT(policy.probabilities()[static_cast<size_t>(arm)], 0.0) << label;
      policy.update(loss(t, arm));
    }
    EXPECT_EQ(policy.rounds(), 10000);
    EXPECT_GT(policy.scale(), 0.0) << label;
  }
}

TEST(TsallisInf, AllUnitLossesKeepTheDistributionUniform) {
  TsallisInf policy(omega_grid(), 3);
  for (int t = 0; t < 100; ++t) {
    policy.choose(0.0);
    for (double p : policy.probabilities()) ASSERT_NEAR(p, 1.0 / 20.0, 1e-15);
    policy.update(t % 2 ? 1.0 : 0.0);  // 0 iterations is clipped to the minimum cost 1
  }
  EXPECT_EQ(policy.scale(), 1.0);  // mean − 1 = 0: guarded
}

TEST(TsallisInf, LearnsTheBestArmOfAStochasticBandit) {
  // Arm i costs 1 + 10|i − 7| + U[0, 2): the best arm is 7, gap >= 10.
  constexpr int d = 20, T = 5000;
  constexpr double noise = 2.0;
  Rng env(77);
  TsallisInf policy(omega_grid(), 2024);
  std::vector<double> totals(d, 0.0);  // every arm's cost on the same noise draws
  double incurred = 0.0;
  int best_late = 0;
  for (int t = 0; t < T; ++t) {
    const double u = noise * env.uniform();
    for (int i = 0; i < d; ++i) totals[static_cast<size_t>(i)] += 1.0 + 10.0 * std::abs(i - 7) + u;
    const int arm = policy.choose(0.0);
    const double cost = 1.0 + 10.0 * std::abs(arm - 7) + u;
    incurred += cost;
    if (t >= T - 1000 && arm == 7) ++best_late;
    policy.update(cost);
  }
  const double best_fixed = *std::min_element(totals.begin(), totals.end());
  // Zimmert & Seldin (JMLR 2021, Thm 1): with η_t = 2/√t and losses in [0, 1],
  // E[regret] <= 4√(KT) + 1; losses ℓ − 1 in [0, B] scale it by B = 10·12 + noise.
  // (The paper's data-adaptive scale is outside the theorem; it is no less aggressive.)
  const double bound = (10.0 * 12.0 + noise) * (4.0 * std::sqrt(double(d) * T) + 1.0);
  RecordProperty("incurred_total", std::to_string(incurred));
  RecordProperty("best_fixed_total", std::to_string(best_fixed));
  RecordProperty("regret_bound", std::to_string(bound));
  RecordProperty("best_arm_picks_last_1000", best_late);
  EXPECT_LE(incurred - best_fixed, bound);
  // Uniform play would pick arm 7 a twentieth of the time; a consistent learner's rate
  // tends to 1. Half of the last 1000 rounds is a loose floor fixed in advance.
  EXPECT_GE(best_late, 500);
}

TEST(TsallisInf, RejectsBadArgumentsAndProtocolErrors) {
  EXPECT_THROW(TsallisInf({}, 1), ConfigError);
  EXPECT_THROW(TsallisInf({1.0, std::nan("")}, 1), ConfigError);
  TsallisInf policy({1.0, 1.5}, 1);
  EXPECT_THROW(policy.update(3.0), Error);  // no choose() yet
  policy.choose(0.0);
  EXPECT_THROW(policy.update(std::nan("")), Error);
}

}  // namespace
}  // namespace las::learning
