// SPDX-License-Identifier: BSD-3-Clause
// The small equality-constrained problems with published optimal values that las's
// constrained optimiser is tested and benchmarked on (reference notes §2.4).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "solvers/opt/problem.hpp"

namespace las::opt {

struct ProblemSetEntry {
  std::string name;
  double f_star = 0;   ///< the published optimal objective value
  std::string source;  ///< where f* is published
  std::function<std::unique_ptr<ConstrainedProblem>()> make;
};

/// Every problem of the set, in a fixed order.
const std::vector<ProblemSetEntry>& equality_problem_set();

/// The entry named `name` (as in the table: "HS6", "BT2", ...); ConfigError naming the
/// value and listing the valid names otherwise.
const ProblemSetEntry& find_problem(const std::string& name);

}  // namespace las::opt
