// SPDX-License-Identifier: BSD-3-Clause
#include "apps/poisson/comparison.hpp"

#include <cstdio>

#include "apps/common/report_json.hpp"

namespace las::poisson {
namespace {

double relative_true_residual(const SolveReport& r) {
  return r.rhs_norm > 0 ? r.true_residual / r.rhs_norm : r.true_residual;
}

}  // namespace

std::string comparison_table(const std::vector<ComparisonRow>& rows) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-28s %6s %10s %10s %12s %11s  %s\n", "solver", "iters", "setup [s]",
                "solve [s]", "per it [ms]", "|b-Ax|/|b|", "reason");
  out += line;
  for (const auto& r : rows) {
    const auto& s = r.report;
    std::snprintf(line, sizeof line, "%-28s %6d %10.4f %10.4f %12.4f %11.3e  %s", r.label.c_str(), s.iterations,
                  s.setup_seconds, s.solve_seconds, 1e3 * s.seconds_per_iteration(), relative_true_residual(s),
                  to_string(s.reason).c_str());
    out += line;
    if (r.error >= 0) {
      std::snprintf(line, sizeof line, "  (error vs known solution %.3e)", r.error);
      out += line;
    }
    out += "\n";
  }
  if (rows.size() >= 2) {
    const auto& las = rows.front().report;
    const auto& anchor = rows.back().report;
    if (anchor.seconds_per_iteration() > 0 && anchor.solve_seconds > 0) {
      std::snprintf(line, sizeof line, "las / %s: time per iteration %.3f, solve time %.3f, iterations %d / %d\n",
                    rows.back().label.c_str(), las.seconds_per_iteration() / anchor.seconds_per_iteration(),
                    las.solve_seconds / anchor.solve_seconds, las.iterations, anchor.iterations);
      out += line;
    }
  }
  return out;
}

nlohmann::json comparison_json(const std::vector<ComparisonRow>& rows) {
  nlohmann::json solvers = nlohmann::json::array();
  for (const auto& r : rows) {
    nlohmann::json j = app::to_json(r.report);
    j["label"] = r.label;
    if (r.error >= 0) j["error_vs_reference"] = r.error;
    solvers.push_back(j);
  }
  nlohmann::json out = {{"solvers", solvers}};
  if (rows.size() >= 2) {
    const auto& las = rows.front().report;
    const auto& anchor = rows.back().report;
    out["baseline"] = rows.back().label;
    if (anchor.seconds_per_iteration() > 0)
      out["ratio_time_per_iteration"] = las.seconds_per_iteration() / anchor.seconds_per_iteration();
    if (anchor.solve_seconds > 0) out["ratio_solve_time"] = las.solve_seconds / anchor.solve_seconds;
  }
  return out;
}

}  // namespace las::poisson
