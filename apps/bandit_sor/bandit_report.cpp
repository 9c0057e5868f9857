// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/bandit_report.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace las::bandit_sor {
namespace {

double arm_total_seconds(const RunRecord& r, size_t arm) {
  double s = 0;
  for (long long t = 0; t < r.completed(); ++t) {
    const double v = r.arm_seconds[static_cast<size_t>(t) * r.arms.size() + arm];
    if (!std::isnan(v)) s += v;
  }
  return s;
}

std::string omega_label(double omega) {
  std::ostringstream s;
  s << "omega=" << std::setprecision(4) << omega;
  return s.str();
}

struct Row {
  std::string label;
  double mean_iterations;
  double seconds;  // NaN: not timed on every instance
};

std::vector<Row> rows(const RunRecord& r, const Summary& s) {
  std::vector<Row> out;
  for (size_t p = 0; p < r.policies.size(); ++p) out.push_back({r.policies[p].name, s.policy_mean[p], s.policy_seconds[p]});
  if (s.best_fixed_arm >= 0) {
    const auto best = static_cast<size_t>(s.best_fixed_arm);
    out.push_back({"best fixed " + omega_label(r.arms[best]), s.best_fixed_mean, arm_total_seconds(r, best)});
    out.push_back({"fixed " + omega_label(r.arms.front()), s.fixed_mean.front(), arm_total_seconds(r, 0)});
    out.push_back({"instance-optimal (grid)", s.instance_optimal_mean, std::nan("")});
  }
  if (!std::isnan(s.young_mean)) out.push_back({"Young's omega*", s.young_mean, std::nan("")});
  return out;
}

}  // namespace

std::string summary_table(const RunRecord& r, const Summary& s, const std::vector<ReplayTotals>& petsc) {
  std::ostringstream t;
  t << std::fixed << std::setprecision(2);
  t << "bandit SOR over " << s.instances << " instances";
  if (s.evaluated != s.instances) t << " (fixed omegas evaluated on " << s.evaluated << ")";
  t << "\n" << std::left << std::setw(34) << "policy" << std::right << std::setw(14) << "mean iters"
    << std::setw(12) << "seconds" << std::setw(14) << "/ best fixed" << std::setw(14) << "/ inst-opt" << "\n";
  for (const Row& row : rows(r, s)) {
    t << std::left << std::setw(34) << row.label << std::right << std::setw(14) << row.mean_iterations;
    if (std::isnan(row.seconds)) {
      t << std::setw(12) << "-";
    } else {
      t << std::setw(12) << std::setprecision(3) << row.seconds << std::setprecision(2);
    }
    t << std::setw(14) << (s.best_fixed_arm >= 0 ? row.mean_iterations / s.best_fixed_mean : std::nan(""))
      << std::setw(14) << row.mean_iterations / s.instance_optimal_mean << "\n";
  }
  for (const ReplayTotals& p : petsc) {
    t << std::left << std::setw(34) << p.solver << std::right << std::setw(14)
      << p.iterations / static_cast<double>(s.instances) << std::setw(12) << std::setprecision(3) << p.seconds
      << std::setprecision(2) << std::setw(14) << "" << std::setw(14) << "" << "\n";
  }
  return t.str();
}

nlohmann::json summary_json(const RunRecord& r, const Summary& s, const std::vector<ReplayTotals>& petsc) {
  auto number = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
  nlohmann::json j;
  j["instances"] = s.instances;
  j["evaluated_instances"] = s.evaluated;
  j["omega_grid"] = r.arms;
  nlohmann::json policies = nlohmann::json::array();
  for (size_t p = 0; p < r.policies.size(); ++p) {
    policies.push_back({{"name", r.policies[p].name},
                        {"mean_iterations", s.policy_mean[p]},
                        {"total_iterations", s.policy_mean[p] * static_cast<double>(s.instances)},
                        {"solve_seconds", s.policy_seconds[p]},
                        {"ratio_to_best_fixed", number(s.best_fixed_mean > 0 ? s.policy_mean[p] / s.best_fixed_mean : std::nan(""))},
                        {"ratio_to_instance_optimal", number(s.policy_mean[p] / s.instance_optimal_mean)},
                        {"choices", r.policies[p].choice}});
  }
  j["policies"] = policies;
  nlohmann::json fixed = nlohmann::json::array();
  for (size_t a = 0; a < r.arms.size(); ++a) {
    fixed.push_back({{"omega", r.arms[a]}, {"mean_iterations", number(s.fixed_mean[a])},
                     {"solve_seconds", arm_total_seconds(r, a)}});
  }
  j["fixed"] = fixed;
  j["best_fixed"] = s.best_fixed_arm < 0 ? nlohmann::json(nullptr)
                                         : nlohmann::json{{"omega", r.arms[static_cast<size_t>(s.best_fixed_arm)]},
                                                          {"mean_iterations", s.best_fixed_mean}};
  j["instance_optimal_mean_iterations"] = number(s.instance_optimal_mean);
  j["young_mean_iterations"] = number(s.young_mean);
  nlohmann::json anchors = nlohmann::json::array();
  for (const ReplayTotals& p : petsc) {
    anchors.push_back({{"solver", p.solver}, {"omega", p.omega}, {"mean_iterations", p.iterations / static_cast<double>(s.instances)},
                       {"solve_seconds", p.seconds}, {"unconverged", p.unconverged}});
  }
  j["petsc"] = anchors;
  return j;
}

std::string instance_csv(const RunRecord& r) {
  std::ostringstream c;
  c << std::setprecision(10);
  c << "instance,context,young_omega,young_iterations";
  for (double w : r.arms) c << ",fixed_" << w;
  for (const auto& p : r.policies) {
    c << "," << p.name << "_omega," << p.name << "_iterations," << p.name << "_seconds";
  }
  c << "\n";
  for (long long t = 0; t < r.completed(); ++t) {
    const auto i = static_cast<size_t>(t);
    c << t << "," << r.context[i] << "," << r.young_omega[i] << "," << r.young_iterations[i];
    for (size_t a = 0; a < r.arms.size(); ++a) c << "," << r.arm_iteration(t, a);
    for (const auto& p : r.policies) {
      c << "," << r.arms[static_cast<size_t>(p.choice[i])] << "," << p.iterations[i] << "," << p.seconds[i];
    }
    c << "\n";
  }
  return c.str();
}

}  // namespace las::bandit_sor
