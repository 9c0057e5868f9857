// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/fixed_policy.hpp"

#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/learning/detail/state_fields.hpp"

namespace las::learning {

FixedPolicy::FixedPolicy(std::vector<double> arms, int arm) : arms_(std::move(arms)), arm_(arm) {
  if (arms_.empty()) throw ConfigError("fixed: the arm grid is empty");
  for (double a : arms_) {
    if (!std::isfinite(a))
      throw ConfigError("fixed: arm value " + std::to_string(a) + " is not finite");
  }
  if (arm_ < 0 || static_cast<size_t>(arm_) >= arms_.size()) {
    throw ConfigError("fixed: fixed_arm = " + std::to_string(arm_) + " is outside [0, " +
                      std::to_string(arms_.size()) + ")");
  }
  p_.assign(arms_.size(), 0.0);
  p_[static_cast<size_t>(arm_)] = 1.0;
}

int FixedPolicy::choose(double /*context*/) {
  pending_ = true;
  return arm_;
}

void FixedPolicy::update(double cost) {
  LAS_CHECK(pending_, "fixed: update() without a preceding choose()");
  LAS_CHECK(std::isfinite(cost), "fixed: the cost " << cost << " is not finite");
  pending_ = false;
  ++rounds_;
}

StateRecord FixedPolicy::save() const {
  StateRecord r;
  r.kind = name();
  r.reals["arms"] = arms_;
  r.integers["arm"] = {arm_};
  r.integers["rounds"] = {rounds_};
  r.integers["pending"] = {pending_ ? 1 : 0};
  return r;
}

void FixedPolicy::restore(const StateRecord& state) {
  detail::check_kind(state, name());
  detail::check_arms(state, arms_);
  if (detail::integer(state, "arm") != arm_) {
    throw InputError("state of 'fixed': it plays arm " +
                     std::to_string(detail::integer(state, "arm")) + ", the configured arm is " +
                     std::to_string(arm_));
  }
  const std::int64_t rounds = detail::integer(state, "rounds");
  if (rounds < 0) throw InputError("state of 'fixed': negative rounds");
  pending_ = detail::integer(state, "pending") != 0;
  rounds_ = rounds;
}

}  // namespace las::learning
