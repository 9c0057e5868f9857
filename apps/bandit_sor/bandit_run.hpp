// SPDX-License-Identifier: BSD-3-Clause
// The online loop of bandit SOR: for each instance, every learner picks an ω, pays the
// solve's cost and learns from it; the fixed-ω grid, the instance optimum and Young's ω
// are solved on the same instance as baselines. Checkpoints make it restartable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "apps/bandit_sor/omega_solve.hpp"
#include "apps/bandit_sor/run_record.hpp"
#include "solvers/learning/make_policy.hpp"

namespace las::bandit_sor {

struct RunSettings {
  SolveSettings solve;
  std::vector<std::string> policies;   ///< learner kinds
  learning::PolicyOptions learner;     ///< shared options (kind is overwritten per policy)
  bool feedback_time = false;          ///< cost = microseconds instead of iterations
  bool fixed = true;                   ///< solve the whole grid (every `every` instances)
  long long every = 1;
  bool young = true;
  long long progress_every = 500;
  std::string checkpoint_file;
  long long checkpoint_every = 500;
  long long stop_after = 0;            ///< 0: to the end
  std::string config;                  ///< resolved deck, stored in checkpoints
};

class BanditRun {
 public:
  BanditRun(const Comm& comm, sequences::LinearSystemSequence& sequence, const RunSettings& settings);
  /// Continues from a checkpoint written by an identical deck (collective).
  void restore(const std::string& file);
  /// Runs to the end of the sequence, or stops after `stop_after` instances, or (under a
  /// StopSignalGuard) at a stop signal after the instance in progress and a checkpoint.
  /// Returns true when the sequence is complete. Collective.
  bool run();
  /// The signal that ended the last run() early, else 0.
  int stopped_by() const { return stopped_by_; }
  const RunRecord& record() const { return record_; }

 private:
  void step(long long t);
  void checkpoint() const;
  void progress(long long done, long long first, double elapsed) const;

  Comm comm_;
  sequences::LinearSystemSequence& sequence_;
  RunSettings settings_;
  std::vector<std::unique_ptr<learning::Policy>> policies_;
  RunRecord record_;
  int stopped_by_ = 0;
};

}  // namespace las::bandit_sor
