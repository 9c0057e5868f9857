// SPDX-License-Identifier: BSD-3-Clause
// Everything a bandit-SOR run observed, instance by instance: what the report, the
// CSV, the plot and a restart need.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"

namespace las::bandit_sor {

/// One learner's trajectory.
struct PolicyTrace {
  std::string name;
  std::vector<std::int64_t> choice;  ///< arm index per instance
  std::vector<double> iterations;
  std::vector<double> seconds;
};

/// Per-instance results; arrays grow by one entry per completed instance. Fixed-ω
/// results are NaN on instances where the grid was not evaluated (baselines.every > 1).
struct RunRecord {
  std::vector<double> arms;             ///< the ω grid
  std::vector<double> context;
  std::vector<double> young_omega;      ///< NaN where theory gives none
  std::vector<double> young_iterations; ///< NaN where not solved
  std::vector<double> arm_iterations;   ///< [instance][arm], row-major
  std::vector<double> arm_seconds;
  std::vector<PolicyTrace> policies;

  long long completed() const { return static_cast<long long>(context.size()); }
  double arm_iteration(long long t, size_t arm) const { return arm_iterations[t * arms.size() + arm]; }

  /// As named arrays for a checkpoint, and back (InputError on inconsistent sizes).
  learning::StateRecord to_state() const;
  static RunRecord from_state(const learning::StateRecord& state);
};

/// Totals over the instances where the grid was evaluated (all, when every = 1).
struct Summary {
  long long instances = 0;            ///< all completed instances
  long long evaluated = 0;            ///< instances with every fixed ω solved
  std::vector<double> fixed_mean;     ///< mean iterations per arm over evaluated instances
  int best_fixed_arm = -1;            ///< argmin of fixed_mean (-1: none evaluated)
  double best_fixed_mean = 0;
  double instance_optimal_mean = 0;   ///< mean of the per-instance minimum over the grid
  double young_mean = 0;              ///< NaN where no instance had Young's ω
  std::vector<double> policy_mean;    ///< mean iterations per instance, every instance
  std::vector<double> policy_seconds; ///< total solve seconds
};

Summary summarize(const RunRecord& record);

}  // namespace las::bandit_sor
