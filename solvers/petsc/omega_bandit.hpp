// SPDX-License-Identifier: BSD-3-Clause
// Internal to the plug-in: PCLASBSOR's learner without PETSc in it. A las Policy over an
// omega grid, fed one cost per solve, optionally checkpointed to an HDF5 state file after
// every update (atomic: a killed job leaves the previous state) and restored from it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/learning/policy.hpp"

namespace las::petsc {

struct OmegaBanditSettings {
  std::string policy = "tsallis-inf";  ///< a learning::make_policy kind
  double omega_min = 1.0;
  double omega_max = 1.95;
  int omega_count = 20;
  std::uint64_t seed = 0;
  int fixed_arm = 0;          ///< "fixed": index into the grid
  double context_min = 0.0;   ///< contextual kinds: the context interval
  double context_max = 1.0;
  std::string state_file;     ///< empty: no checkpoint
};

class OmegaBandit {
 public:
  /// Collective. Builds the policy (ConfigError naming the bad value) and, when the state
  /// file exists (rank 0 decides), restores it: InputError naming the file otherwise.
  OmegaBandit(const Comm& comm, const OmegaBanditSettings& settings);

  /// The omega for the next solve (same on every rank: the policy is deterministic).
  double choose(double context);
  /// Feedback for the last choose(): the solve's cost (iterations). Collective when a
  /// state file is set (writes it).
  void update(double cost);

  const OmegaBanditSettings& settings() const { return settings_; }
  const std::vector<double>& arms() const { return policy_->arms(); }
  const learning::Policy& policy() const { return *policy_; }
  /// The omega of the last choose(), or the first grid value before any.
  double last_omega() const { return last_omega_; }
  double last_cost() const { return last_cost_; }
  /// Whether the state came from the state file.
  bool restored() const { return restored_; }
  /// The arm the policy currently favours (highest sampling probability; the first arm
  /// before any choose()).
  int best_arm() const;

 private:
  void save() const;
  Comm comm_;
  OmegaBanditSettings settings_;
  std::unique_ptr<learning::Policy> policy_;
  double last_omega_ = 0.0;
  double last_cost_ = 0.0;
  bool restored_ = false;
};

}  // namespace las::petsc
