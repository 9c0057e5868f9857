// SPDX-License-Identifier: BSD-3-Clause
// Every policy through make_policy: save/restore mid-sequence continues exactly as the
// uninterrupted run, restoring a wrong record throws, bad options name the bad value;
// the fixed baseline; the ω grid.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "learning_test_support.hpp"
#include "solvers/core/error.hpp"
#include "solvers/learning/make_policy.hpp"

namespace las::learning {
namespace {

using ::testing::HasSubstr;

PolicyOptions options_for(const std::string& kind, std::uint64_t seed) {
  PolicyOptions o;
  o.kind = kind;
  o.arms = omega_grid();
  o.seed = seed;
  o.context_min = -0.15;
  o.context_max = 0.65;
  o.fixed_arm = 12;
  return o;
}

// Deterministic contexts and costs (iteration-count-like integers, some zeros).
double context_at(int t) { return -0.2 + 0.9 * std::fmod(t * 0.618033988749895, 1.0); }
double cost_at(int t, int arm, double c) {
  if (t % 53 == 0) return 0.0;
  const double w = 1.0 + 0.05 * arm, best = 1.3 + 0.5 * c;
  return std::round(40.0 + 800.0 * (w - best) * (w - best) + (t * 7 % 5));
}

class EveryPolicy : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryPolicy, RestoreMidSequenceContinuesIdentically) {
  const std::string kind = GetParam();
  auto straight = make_policy(options_for(kind, 42));
  std::vector<int> expected;
  std::vector<std::vector<double>> expected_p;
  for (int t = 0; t < 400; ++t) {
    const int arm = straight->choose(context_at(t));
    expected.push_back(arm);
    expected_p.push_back(straight->probabilities());
    straight->update(cost_at(t, arm, context_at(t)));
  }

  auto first = make_policy(options_for(kind, 42));
  for (int t = 0; t < 200; ++t)
    first->update(cost_at(t, first->choose(context_at(t)), context_at(t)));
  const StateRecord saved = first->save();
  EXPECT_EQ(saved.kind, kind);
  auto resumed = make_policy(options_for(kind, 4242));  // another seed: the RNG must come back
  resumed->restore(saved);
  EXPECT_EQ(resumed->rounds(), 200);
  for (int t = 200; t < 400; ++t) {
    const int arm = resumed->choose(context_at(t));
    ASSERT_EQ(arm, expected[static_cast<size_t>(t)]) << kind << " round " << t;
    ASSERT_EQ(resumed->probabilities(), expected_p[static_cast<size_t>(t)])
        << kind << " round " << t;
    resumed->update(cost_at(t, arm, context_at(t)));
  }
  EXPECT_EQ(resumed->rounds(), 400);
}

TEST_P(EveryPolicy, RestoreBetweenChooseAndUpdateKeepsThePendingChoice) {
  const std::string kind = GetParam();
  auto a = make_policy(options_for(kind, 1));
  auto b = make_policy(options_for(kind, 2));
  for (int t = 0; t < 50; ++t) a->update(cost_at(t, a->choose(context_at(t)), context_at(t)));
  const int arm = a->choose(context_at(50));
  b->restore(a->save());
  a->update(cost_at(50, arm, context_at(50)));
  b->update(cost_at(50, arm, context_at(50)));
  for (int t = 51; t < 120; ++t) {
    const int x = a->choose(context_at(t)), y = b->choose(context_at(t));
    ASSERT_EQ(x, y) << kind << " round " << t;
    a->update(cost_at(t, x, context_at(t)));
    b->update(cost_at(t, y, context_at(t)));
  }
}

TEST_P(EveryPolicy, RestoreRejectsForeignOrDamagedRecords) {
  const std::string kind = GetParam();
  auto policy = make_policy(options_for(kind, 1));
  for (const std::string& other : policy_kinds()) {
    if (other == kind) continue;
    const StateRecord foreign = make_policy(options_for(other, 1))->save();
    EXPECT_THROW(policy->restore(foreign), InputError) << kind << " <- " << other;
  }
  StateRecord damaged = policy->save();
  damaged.reals.erase("arms");
  EXPECT_THROW(policy->restore(damaged), InputError);
  StateRecord other_grid = policy->save();
  other_grid.reals["arms"][3] += 0.01;
  try {
    policy->restore(other_grid);
    ADD_FAILURE() << "no exception";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("arms"));
  }
  // A failed restore leaves the policy usable.
  policy->update(cost_at(0, policy->choose(0.1), 0.1));
  EXPECT_EQ(policy->rounds(), 1);
}

INSTANTIATE_TEST_SUITE_P(Kinds, EveryPolicy,
                         ::testing::ValuesIn(policy_kinds()),
                         [](const auto& param_info) {
                           std::string n = param_info.param;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

std::string config_error(const PolicyOptions& o) {
  try {
    make_policy(o);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no ConfigError)";
}

TEST(MakePolicy, BadOptionsNameTheBadValue) {
  PolicyOptions o = options_for("bandit", 1);
  EXPECT_THAT(config_error(o), HasSubstr("'bandit'"));
  EXPECT_THAT(config_error(o), HasSubstr("tsallis-inf"));
  o = options_for("tsallis-inf", 1);
  o.arms.clear();
  EXPECT_THAT(config_error(o), HasSubstr("empty"));
  o = options_for("chebcb", 1);
  o.context_max = o.context_min;
  EXPECT_THAT(config_error(o), HasSubstr("context_max"));
  o = options_for("tsallis-inf-cb", 1);
  o.context_max = -1.0;
  EXPECT_THAT(config_error(o), HasSubstr("context_max"));
  o = options_for("tsallis-inf-cb", 1);
  o.bins = 0;
  EXPECT_THAT(config_error(o), HasSubstr("bins = 0"));
  o = options_for("chebcb", 1);
  o.chebyshev_degree = -1;
  EXPECT_THAT(config_error(o), HasSubstr("chebyshev_degree = -1"));
  o = options_for("fixed", 1);
  o.fixed_arm = 20;
  EXPECT_THAT(config_error(o), HasSubstr("fixed_arm = 20"));
  // Options a kind does not use are not checked.
  o = options_for("tsallis-inf", 1);
  o.context_max = o.context_min;
  EXPECT_EQ(make_policy(o)->name(), "tsallis-inf");
}

TEST(MakePolicy, BuildsEveryKind) {
  for (const std::string& kind : policy_kinds()) {
    auto p = make_policy(options_for(kind, 3));
    EXPECT_EQ(p->name(), kind);
    EXPECT_EQ(p->arms(), omega_grid());
    EXPECT_EQ(p->rounds(), 0);
    double sum = 0.0;
    for (double x : p->probabilities()) sum += x;
    EXPECT_NEAR(sum, 1.0, 1e-15);
  }
}

TEST(FixedPolicy, AlwaysPlaysItsArm) {
  auto p = make_policy(options_for("fixed", 3));
  for (int t = 0; t < 10; ++t) {
    EXPECT_EQ(p->choose(context_at(t)), 12);
    EXPECT_EQ(p->probabilities()[12], 1.0);
    p->update(5.0);
  }
  EXPECT_EQ(p->rounds(), 10);
}

TEST(OmegaGrid, IsThePapersGrid) {
  const std::vector<double> grid = omega_grid();
  ASSERT_EQ(grid.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_NEAR(grid[static_cast<size_t>(i)], 1.0 + 0.05 * i, 1e-15);
  EXPECT_EQ(grid.front(), 1.0);
  EXPECT_EQ(grid.back(), 1.95);
  EXPECT_EQ(omega_grid(1.5, 1.9, 1), std::vector<double>{1.5});
  EXPECT_THROW(omega_grid(1.0, 1.9, 0), ConfigError);
  EXPECT_THROW(omega_grid(1.0, std::nan(""), 3), ConfigError);
}

}  // namespace
}  // namespace las::learning
