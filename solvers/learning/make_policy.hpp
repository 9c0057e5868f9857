// SPDX-License-Identifier: BSD-3-Clause
// Building a Policy by name from configuration values (the app's deck).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"

namespace las::learning {

/// What make_policy needs; fields a kind does not use are ignored (e.g. the context
/// interval for "tsallis-inf" and "fixed").
struct PolicyOptions {
  std::string kind;          ///< one of policy_kinds()
  std::vector<double> arms;  ///< the ω grid, e.g. omega_grid()
  std::uint64_t seed = 0;
  double context_min = 0.0;  ///< contextual kinds: the context interval [min, max]
  double context_max = 1.0;
  int bins = 5;              ///< tsallis-inf-cb
  int chebyshev_degree = 5;  ///< chebcb: m = degree + 1 features
  int fixed_arm = 0;         ///< fixed: index into arms
};

/// The policy `options.kind`. las::ConfigError naming the field and its value for an
/// unknown kind, empty or non-finite arms, and (for the kinds that use them)
/// context_max <= context_min or a non-finite bound, bins < 1, chebyshev_degree < 0,
/// fixed_arm outside the grid.
std::unique_ptr<Policy> make_policy(const PolicyOptions& options);

/// The kinds make_policy accepts, in documentation order.
std::vector<std::string> policy_kinds();

}  // namespace las::learning
