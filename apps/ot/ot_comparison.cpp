// SPDX-License-Identifier: BSD-3-Clause
#include "apps/ot/ot_comparison.hpp"

#include <cstdio>

#include "apps/common/report_json.hpp"

namespace las::ot_app {

std::string comparison_table(const std::vector<ot::OtResult>& results) {
  std::string out;
  char line[320];
  std::snprintf(line, sizeof line, "%-10s %8s %8s %8s %10s %11s %19s %19s  %s\n", "solver", "iters",
                "sinkhorn", "newton", "time [s]", "marg. err", "<C,P>", "entropic cost", "reason");
  out += line;
  for (const auto& r : results) {
    std::snprintf(line, sizeof line, "%-10s %8d %8d %8d %10.4f %11.3e %19.12e %19.12e  %s\n",
                  r.report.method.c_str(), r.report.iterations, r.sinkhorn_iterations,
                  r.newton_iterations, r.report.solve_seconds, r.report.final_residual,
                  r.transport_cost, r.entropic_cost, to_string(r.report.reason).c_str());
    out += line;
  }
  if (results.size() >= 2 && results.front().report.solve_seconds > 0 &&
      results.front().report.iterations > 0) {
    const auto& sns = results.front().report;
    const auto& sk = results.back().report;
    std::snprintf(line, sizeof line,
                  "sinkhorn / sns: time %.1fx, iterations %.1fx, time per iteration %.2f\n",
                  sk.solve_seconds / sns.solve_seconds,
                  double(sk.iterations) / double(sns.iterations),
                  sk.seconds_per_iteration() / sns.seconds_per_iteration());
    out += line;
  }
  return out;
}

nlohmann::json comparison_json(const std::vector<ot::OtResult>& results) {
  nlohmann::json solvers = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json j = app::to_json(r.report);
    j["marginal_error_history"] = r.report.residual_history;
    j["history_seconds"] = r.history_seconds;
    j["history_steps"] = std::string(r.history_steps.begin(), r.history_steps.end());
    j["sinkhorn_iterations"] = r.sinkhorn_iterations;
    j["newton_iterations"] = r.newton_iterations;
    j["newton_failures"] = r.newton_failures;
    j["coarse_steps"] = r.coarse_steps;
    j["coarse_groups"] = r.coarse_groups;
    j["cg_iterations"] = r.cg_iterations;
    j["kept_entries"] = r.kept_entries;
    j["final_density"] = r.final_density;
    j["transport_cost"] = r.transport_cost;
    j["entropic_cost"] = r.entropic_cost;
    j["dual_value"] = r.dual_value;
    solvers.push_back(j);
  }
  nlohmann::json out = {{"solvers", solvers}};
  if (results.size() >= 2 && results.front().report.solve_seconds > 0) {
    const auto& sns = results.front().report;
    const auto& sk = results.back().report;
    out["baseline"] = sk.method;
    out["ratio_solve_time"] = sk.solve_seconds / sns.solve_seconds;
    if (sns.iterations > 0) out["ratio_iterations"] = double(sk.iterations) / double(sns.iterations);
  }
  return out;
}

}  // namespace las::ot_app
