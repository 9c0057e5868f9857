// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/run_record.hpp"

#include <cmath>
#include <limits>

#include "solvers/core/error.hpp"

namespace las::bandit_sor {
namespace {

constexpr const char* kKind = "bandit-sor-run";

const std::vector<double>& reals(const learning::StateRecord& s, const std::string& name) {
  const auto it = s.reals.find(name);
  if (it == s.reals.end()) throw InputError("checkpoint: run record has no array '" + name + "'");
  return it->second;
}

double mean(double sum, long long n) { return n > 0 ? sum / static_cast<double>(n) : std::nan(""); }

}  // namespace

learning::StateRecord RunRecord::to_state() const {
  learning::StateRecord s;
  s.kind = kKind;
  s.reals["arms"] = arms;
  s.reals["context"] = context;
  s.reals["young_omega"] = young_omega;
  s.reals["young_iterations"] = young_iterations;
  s.reals["arm_iterations"] = arm_iterations;
  s.reals["arm_seconds"] = arm_seconds;
  for (size_t p = 0; p < policies.size(); ++p) {
    const std::string key = "policy" + std::to_string(p) + "_";
    s.integers[key + "choice"] = policies[p].choice;
    s.reals[key + "iterations"] = policies[p].iterations;
    s.reals[key + "seconds"] = policies[p].seconds;
  }
  s.integers["policy_count"] = {static_cast<std::int64_t>(policies.size())};
  return s;
}

RunRecord RunRecord::from_state(const learning::StateRecord& s) {
  if (s.kind != kKind) throw InputError("checkpoint: expected a run record, found '" + s.kind + "'");
  RunRecord r;
  r.arms = reals(s, "arms");
  r.context = reals(s, "context");
  r.young_omega = reals(s, "young_omega");
  r.young_iterations = reals(s, "young_iterations");
  r.arm_iterations = reals(s, "arm_iterations");
  r.arm_seconds = reals(s, "arm_seconds");
  const auto count = s.integers.find("policy_count");
  if (count == s.integers.end() || count->second.size() != 1) throw InputError("checkpoint: no policy_count");
  const size_t t = r.context.size();
  bool ok = r.young_omega.size() == t && r.young_iterations.size() == t &&
            r.arm_iterations.size() == t * r.arms.size() && r.arm_seconds.size() == t * r.arms.size();
  for (std::int64_t p = 0; p < count->second[0]; ++p) {
    const std::string key = "policy" + std::to_string(p) + "_";
    PolicyTrace trace;
    const auto choice = s.integers.find(key + "choice");
    if (choice == s.integers.end()) throw InputError("checkpoint: run record has no array '" + key + "choice'");
    trace.choice = choice->second;
    trace.iterations = reals(s, key + "iterations");
    trace.seconds = reals(s, key + "seconds");
    ok = ok && trace.choice.size() == t && trace.iterations.size() == t && trace.seconds.size() == t;
    r.policies.push_back(std::move(trace));
  }
  if (!ok) throw InputError("checkpoint: run record arrays have inconsistent lengths");
  return r;
}

Summary summarize(const RunRecord& r) {
  Summary s;
  s.instances = r.completed();
  const size_t arms = r.arms.size();
  std::vector<double> fixed_sum(arms, 0.0);
  double optimal_sum = 0, young_sum = 0;
  long long young_count = 0;
  for (long long t = 0; t < s.instances; ++t) {
    if (!std::isnan(r.young_iterations[t])) {
      young_sum += r.young_iterations[t];
      ++young_count;
    }
    if (arms == 0 || std::isnan(r.arm_iteration(t, 0))) continue;
    ++s.evaluated;
    double best = std::numeric_limits<double>::infinity();
    for (size_t a = 0; a < arms; ++a) {
      fixed_sum[a] += r.arm_iteration(t, a);
      best = std::min(best, r.arm_iteration(t, a));
    }
    optimal_sum += best;
  }
  s.fixed_mean.resize(arms);
  for (size_t a = 0; a < arms; ++a) {
    s.fixed_mean[a] = mean(fixed_sum[a], s.evaluated);
    if (s.evaluated > 0 && (s.best_fixed_arm < 0 || s.fixed_mean[a] < s.best_fixed_mean)) {
      s.best_fixed_arm = static_cast<int>(a);
      s.best_fixed_mean = s.fixed_mean[a];
    }
  }
  s.instance_optimal_mean = mean(optimal_sum, s.evaluated);
  s.young_mean = mean(young_sum, young_count);
  for (const auto& p : r.policies) {
    double it = 0, sec = 0;
    for (long long t = 0; t < s.instances; ++t) {
      it += p.iterations[t];
      sec += p.seconds[t];
    }
    s.policy_mean.push_back(mean(it, s.instances));
    s.policy_seconds.push_back(sec);
  }
  return s;
}

}  // namespace las::bandit_sor
