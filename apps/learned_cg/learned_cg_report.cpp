// SPDX-License-Identifier: BSD-3-Clause
#include "apps/learned_cg/learned_cg_report.hpp"

#include <cstdio>

#include "apps/common/report_json.hpp"

namespace las::learned_cg {
namespace {

double relative(const SolveReport& r, double residual) { return r.rhs_norm > 0 ? residual / r.rhs_norm : residual; }

// Seconds at history entry k, a solve's iterations taken as equally expensive.
double seconds_at(const SolveReport& r, size_t k) {
  return r.iterations > 0 ? r.solve_seconds * static_cast<double>(k) / r.iterations : 0.0;
}

// CG's hits, or empty when cg is not in the run.
std::vector<RtolHit> cg_hits(const std::vector<MethodResult>& results, const std::vector<double>& rtols) {
  for (const auto& m : results)
    if (m.method == "cg") return rtol_hits(m.report, rtols);
  return {};
}

double ratio(const RtolHit& hit, const std::vector<RtolHit>& cg, size_t q) {
  if (cg.empty() || hit.iterations < 0 || cg[q].iterations <= 0) return -1;
  return static_cast<double>(hit.iterations) / cg[q].iterations;
}

}  // namespace

std::vector<RtolHit> rtol_hits(const SolveReport& report, const std::vector<double>& rtols) {
  std::vector<RtolHit> hits;
  const auto& h = report.residual_history;
  for (double rtol : rtols) {
    RtolHit hit;
    hit.rtol = rtol;
    for (size_t k = 0; k < h.size(); ++k)
      if (h[k] <= rtol * report.rhs_norm) {
        hit.iterations = static_cast<int>(k);
        hit.seconds = seconds_at(report, k);
        break;
      }
    hits.push_back(hit);
  }
  return hits;
}

std::string comparison_table(const std::vector<MethodResult>& results, const std::vector<double>& rtols) {
  const std::vector<RtolHit> cg = cg_hits(results, rtols);
  std::string out;
  char cell[96];
  std::snprintf(cell, sizeof cell, "%-26s", "method");
  out += cell;
  for (size_t q = 0; q < rtols.size(); ++q) {
    std::snprintf(cell, sizeof cell, " | %6s %9s %6s", "iters", "time [s]", "/CG");
    out += cell;
  }
  out += " | |b-Ax|/|b|  reason\n";
  std::snprintf(cell, sizeof cell, "%-26s", "  (to rtol)");
  out += cell;
  for (double rtol : rtols) {
    std::snprintf(cell, sizeof cell, " | %-23.0e", rtol);
    out += cell;
  }
  out += " |\n";
  for (const auto& m : results) {
    std::snprintf(cell, sizeof cell, "%-26s", m.label.c_str());
    out += cell;
    const auto hits = rtol_hits(m.report, rtols);
    for (size_t q = 0; q < hits.size(); ++q) {
      const double r = ratio(hits[q], cg, q);
      if (hits[q].iterations < 0) {
        std::snprintf(cell, sizeof cell, " | %6s %9s %6s", "-", "-", "-");
      } else if (r < 0) {
        std::snprintf(cell, sizeof cell, " | %6d %9.4f %6s", hits[q].iterations, hits[q].seconds, "-");
      } else {
        std::snprintf(cell, sizeof cell, " | %6d %9.4f %6.3f", hits[q].iterations, hits[q].seconds, r);
      }
      out += cell;
    }
    const double true_residual = m.report.true_residual >= 0 ? relative(m.report, m.report.true_residual) : -1;
    std::snprintf(cell, sizeof cell, " | %10.3e  %s\n", true_residual, to_string(m.report.reason).c_str());
    out += cell;
  }
  return out;
}

nlohmann::json comparison_json(const std::vector<MethodResult>& results, const std::vector<double>& rtols) {
  const std::vector<RtolHit> cg = cg_hits(results, rtols);
  nlohmann::json methods = nlohmann::json::array();
  for (const auto& m : results) {
    nlohmann::json j = app::to_json(m.report);
    j["name"] = m.method;
    j["label"] = m.label;
    nlohmann::json to_rtol = nlohmann::json::array();
    const auto hits = rtol_hits(m.report, rtols);
    for (size_t q = 0; q < hits.size(); ++q) {
      nlohmann::json h = {{"rtol", hits[q].rtol}, {"iterations", hits[q].iterations}, {"seconds", hits[q].seconds}};
      const double r = ratio(hits[q], cg, q);
      if (r >= 0) h["ratio_to_cg_iterations"] = r;
      to_rtol.push_back(h);
    }
    j["to_rtol"] = to_rtol;
    methods.push_back(j);
  }
  return {{"rtols", rtols}, {"methods", methods}};
}

std::string history_csv(const std::vector<MethodResult>& results) {
  std::string out = "method,iteration,seconds,relative_residual\n";
  char line[160];
  for (const auto& m : results) {
    const auto& h = m.report.residual_history;
    for (size_t k = 0; k < h.size(); ++k) {
      std::snprintf(line, sizeof line, "%s,%zu,%.9e,%.17g\n", m.method.c_str(), k, seconds_at(m.report, k),
                    relative(m.report, h[k]));
      out += line;
    }
  }
  return out;
}

}  // namespace las::learned_cg
