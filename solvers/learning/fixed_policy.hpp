// SPDX-License-Identifier: BSD-3-Clause
// The baseline "policy" that always plays one configured arm (fixed ω), so baselines
// run through the same plumbing (choose/update/report/checkpoint) as the learners.
#pragma once

#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"

namespace las::learning {

/// "fixed": always arm `arm`.
class FixedPolicy final : public Policy {
 public:
  /// las::ConfigError for empty/non-finite arms or `arm` outside [0, arms.size()).
  FixedPolicy(std::vector<double> arms, int arm);

  std::string name() const override { return "fixed"; }
  int choose(double context) override;
  void update(double cost) override;
  const std::vector<double>& probabilities() const override { return p_; }
  const std::vector<double>& arms() const override { return arms_; }
  long long rounds() const override { return rounds_; }
  StateRecord save() const override;
  void restore(const StateRecord& state) override;

 private:
  std::vector<double> arms_;
  int arm_;
  std::vector<double> p_;
  long long rounds_ = 0;
  bool pending_ = false;
};

}  // namespace las::learning
