// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/petsc/omega_bandit.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/learning/make_policy.hpp"

namespace las::petsc {
namespace {

constexpr const char* kPolicyGroup = "policy";

// The state file's `config` attribute: what produced it, for a reader of the file.
std::string describe(const OmegaBanditSettings& s) {
  std::ostringstream os;
  os << "pc_lasbsor: policy " << s.policy << ", omega grid " << s.omega_count << " values in ["
     << s.omega_min << ", " << s.omega_max << "], seed " << s.seed;
  return os.str();
}

}  // namespace

OmegaBandit::OmegaBandit(const Comm& comm, const OmegaBanditSettings& s) : comm_(comm), settings_(s) {
  // SOR converges for 0 < omega < 2 (SPD matrices); outside it every solve would diverge.
  if (!(s.omega_min > 0.0 && s.omega_max < 2.0 && s.omega_min <= s.omega_max)) {
    std::ostringstream os;
    os << "-pc_lasbsor_omega_min " << s.omega_min << " / -pc_lasbsor_omega_max " << s.omega_max
       << ": the grid must satisfy 0 < min <= max < 2";
    throw ConfigError(os.str());
  }
  if (s.omega_count < 1)
    throw ConfigError("-pc_lasbsor_omega_count " + std::to_string(s.omega_count) + ": must be >= 1");
  learning::PolicyOptions o;
  o.kind = s.policy;
  o.arms = learning::omega_grid(s.omega_min, s.omega_max, s.omega_count);
  o.seed = s.seed;
  o.fixed_arm = s.fixed_arm;
  o.context_min = s.context_min;
  o.context_max = s.context_max;
  try {
    policy_ = learning::make_policy(o);
  } catch (const ConfigError& e) {
    throw ConfigError(std::string("-pc_lasbsor_*: ") + e.what());
  }
  last_omega_ = policy_->arms().front();
  if (s.state_file.empty()) return;
  // Rank 0 decides, so every rank takes the same branch into the collective read.
  if (!comm_.any(comm_.is_root() && std::filesystem::exists(s.state_file))) return;
  try {
    policy_->restore(io::read_state_record(comm_, s.state_file, kPolicyGroup));
  } catch (const InputError& e) {
    // The reader's message names the file and the object; say which option gave it.
    throw InputError(std::string("-pc_lasbsor_state: ") + e.what());
  }
  restored_ = true;
}

double OmegaBandit::choose(double context) {
  last_omega_ = policy_->arms()[static_cast<size_t>(policy_->choose(context))];
  return last_omega_;
}

void OmegaBandit::update(double cost) {
  last_cost_ = cost;
  policy_->update(cost);
  if (!settings_.state_file.empty()) save();
}

int OmegaBandit::best_arm() const {
  const std::vector<double>& p = policy_->probabilities();
  if (p.empty()) return 0;
  return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

void OmegaBandit::save() const {
  io::OutputFile out(comm_, settings_.state_file, describe(settings_));
  io::write_state_record(out, kPolicyGroup, policy_->save());
  out.commit();
}

}  // namespace las::petsc
