// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/bandit_run.hpp"

#include <mpi.h>

#include <cmath>
#include <map>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/state_record_io.hpp"

namespace las::bandit_sor {
namespace {

// The results of one instance, by arm: a policy that picks an arm already solved on
// this instance (by the grid or another policy) reuses the result, since the same
// solve from the same initial guess costs the same iterations.
struct InstanceSolves {
  std::map<int, Outcome> by_arm;
  int accepted_arm = -1;  ///< the smallest arm solved; its solution is carried forward
  DistVector accepted;
};

}  // namespace

BanditRun::BanditRun(const Comm& comm, sequences::LinearSystemSequence& sequence, const RunSettings& s)
    : comm_(comm), sequence_(sequence), settings_(s) {
  record_.arms = s.learner.arms;
  for (size_t p = 0; p < s.policies.size(); ++p) {
    learning::PolicyOptions o = s.learner;
    o.kind = s.policies[p];
    // Distinct but reproducible sampling streams per learner.
    o.seed = s.learner.seed + 1000003ULL * p;
    policies_.push_back(learning::make_policy(o));
    record_.policies.push_back(PolicyTrace{policies_.back()->name(), {}, {}, {}});
  }
}

void BanditRun::restore(const std::string& file) {
  RunRecord saved = RunRecord::from_state(io::read_state_record(comm_, file, "run"));
  if (saved.arms != record_.arms || saved.policies.size() != policies_.size()) {
    throw InputError(file + ": checkpoint of another omega grid or policy list than the deck's");
  }
  if (saved.completed() > sequence_.length()) {
    throw InputError(file + ": checkpoint has " + std::to_string(saved.completed()) +
                     " instances, more than sequence.length = " + std::to_string(sequence_.length()));
  }
  for (size_t p = 0; p < policies_.size(); ++p) {
    policies_[p]->restore(io::read_state_record(comm_, file, "policy" + std::to_string(p)));
  }
  sequence_.restore(file, "sequence");
  record_ = std::move(saved);
  log::info(comm_, "restarted from " + file + " after instance " + std::to_string(record_.completed()));
}

bool BanditRun::run() {
  const double start = MPI_Wtime();
  const long long first = record_.completed();
  const long long end = sequence_.length();
  stopped_by_ = 0;
  for (long long t = first; t < end; ++t) {
    step(t);
    const long long done = t + 1;
    const bool checkpointed =
        !settings_.checkpoint_file.empty() && (done % settings_.checkpoint_every == 0 || done == end);
    if (checkpointed) checkpoint();
    if (done < end && (stopped_by_ = stop_requested(comm_)) != 0) {
      if (!checkpointed && !settings_.checkpoint_file.empty()) checkpoint();
      return false;
    }
    if (done % settings_.progress_every == 0 || done == end) progress(done, first, MPI_Wtime() - start);
    if (settings_.stop_after > 0 && done - first >= settings_.stop_after && done < end) {
      log::info(comm_, "stopping after " + std::to_string(done) + " instances (checkpoint.stop_after)");
      return false;
    }
  }
  return true;
}

void BanditRun::step(long long t) {
  sequences::Instance inst = sequence_.instance(t);
  if (settings_.solve.ordering == SorOrdering::Multicolor) inst.a = sequences::assembled(inst);
  const size_t arms = record_.arms.size();
  InstanceSolves solves;
  DistVector x = inst.b.similar("las::bandit_x");
  auto solve_arm = [&](int arm) -> const Outcome& {
    auto it = solves.by_arm.find(arm);
    if (it != solves.by_arm.end()) return it->second;
    const Outcome out = solve_with_omega(inst, record_.arms[static_cast<size_t>(arm)], settings_.solve, x);
    if (solves.accepted_arm < 0 || arm < solves.accepted_arm) {
      solves.accepted_arm = arm;
      solves.accepted = x.clone();
    }
    return solves.by_arm.emplace(arm, out).first->second;
  };

  const bool grid = settings_.fixed && t % settings_.every == 0;
  for (size_t a = 0; a < arms; ++a) {
    const double nan = std::nan("");
    const Outcome* out = grid ? &solve_arm(static_cast<int>(a)) : nullptr;
    record_.arm_iterations.push_back(out ? out->iterations : nan);
    record_.arm_seconds.push_back(out ? out->seconds : nan);
  }
  for (size_t p = 0; p < policies_.size(); ++p) {
    const int arm = policies_[p]->choose(inst.context);
    const Outcome& out = solve_arm(arm);
    policies_[p]->update(settings_.feedback_time ? 1e6 * out.seconds : out.iterations);
    record_.policies[p].choice.push_back(arm);
    record_.policies[p].iterations.push_back(out.iterations);
    record_.policies[p].seconds.push_back(out.seconds);
  }
  double young_iterations = std::nan("");
  if (settings_.young && std::isfinite(inst.young_omega)) {
    young_iterations = solve_with_omega(inst, inst.young_omega, settings_.solve, x).iterations;
  }
  if (solves.accepted_arm < 0) {  // no grid and no policy: still advance the sequence
    solve_with_omega(inst, record_.arms.front(), settings_.solve, x);
    solves.accepted = x.clone();
  }
  sequence_.accept(t, solves.accepted);
  if (log::verbosity() >= 2) {
    std::ostringstream line;
    line << "instance " << t << " context " << inst.context << ":";
    for (size_t p = 0; p < policies_.size(); ++p) {
      const auto& trace = record_.policies[p];
      line << " " << trace.name << " omega " << record_.arms[static_cast<size_t>(trace.choice.back())] << " "
           << trace.iterations.back() << " it " << trace.seconds.back() << " s;";
    }
    log::debug(comm_, line.str());
  }
  record_.context.push_back(inst.context);
  record_.young_omega.push_back(inst.young_omega);
  record_.young_iterations.push_back(young_iterations);
}

void BanditRun::checkpoint() const {
  io::OutputFile out(comm_, settings_.checkpoint_file, settings_.config);
  io::write_state_record(out, "run", record_.to_state());
  for (size_t p = 0; p < policies_.size(); ++p) {
    io::write_state_record(out, "policy" + std::to_string(p), policies_[p]->save());
  }
  sequence_.save(out, "sequence");
  out.commit();
  log::debug(comm_, "checkpoint " + settings_.checkpoint_file + " after instance " +
                        std::to_string(record_.completed()));
}

void BanditRun::progress(long long done, long long first, double elapsed) const {
  const Summary s = summarize(record_);
  std::ostringstream line;
  line.precision(4);
  line << "instance " << done << "/" << sequence_.length() << ", mean iterations:";
  for (size_t p = 0; p < record_.policies.size(); ++p) {
    line << " " << record_.policies[p].name << " " << s.policy_mean[p];
  }
  if (s.best_fixed_arm >= 0) {
    line << ", best fixed omega " << record_.arms[static_cast<size_t>(s.best_fixed_arm)] << " "
         << s.best_fixed_mean << ", instance-optimal " << s.instance_optimal_mean;
  }
  // Rate over this session's instances (a restarted run did not solve the earlier ones).
  const double rate = elapsed > 0 ? static_cast<double>(done - first) / elapsed : 0;
  line.precision(3);
  line << " [" << rate << " instances/s";
  if (rate > 0 && done < sequence_.length()) line << ", ETA " << (sequence_.length() - done) / rate << " s";
  line << "]";
  log::info(comm_, line.str());
}

}  // namespace las::bandit_sor
