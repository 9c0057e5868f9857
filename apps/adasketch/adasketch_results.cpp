// SPDX-License-Identifier: BSD-3-Clause
#include "apps/adasketch/adasketch_results.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace las::adasketch_app {
namespace {

constexpr double kObjectiveTolerance = 1e-6;  // the tests' bar on |f - f*|

struct Summary {
  int problems = 0, successes = 0, ipopt_runs = 0, ipopt_successes = 0;
  double median_iterations = 0, ipopt_median_iterations = 0;
  double seconds = 0, ipopt_seconds = 0;
  long long inner_iterations = 0;
};

double median(std::vector<int> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

Summary summarise(const std::vector<ProblemRun>& runs) {
  Summary s;
  std::vector<int> iterations, ipopt_iterations;
  for (const auto& r : runs) {
    ++s.problems;
    if (las_success(r)) ++s.successes;
    iterations.push_back(r.las.iterations);
    s.seconds += r.las.seconds;
    s.inner_iterations += r.las.inner_iterations;
    if (r.has_ipopt) {
      ++s.ipopt_runs;
      if (r.ipopt.success) ++s.ipopt_successes;
      ipopt_iterations.push_back(r.ipopt.iterations);
      s.ipopt_seconds += r.ipopt.seconds;
    }
  }
  s.median_iterations = median(iterations);
  s.ipopt_median_iterations = median(ipopt_iterations);
  return s;
}

double percent(int part, int whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

}  // namespace

double relative_error(double f, double f_star) { return std::abs(f - f_star) / std::max(1.0, std::abs(f_star)); }

bool las_success(const ProblemRun& run) {
  return run.las.converged() && (!run.has_f_star || relative_error(run.las.objective, run.f_star) <= kObjectiveTolerance);
}

std::string results_table(const std::vector<ProblemRun>& runs) {
  std::string out;
  char line[400];
  std::snprintf(line, sizeof line, "%-18s %5s %8s %9s %16s %8s %-24s %8s | %5s %9s %16s %8s\n", "problem", "iter",
                "inner", "time[s]", "f", "KKT", "reason", "|f-f*|", "IPOPT", "time[s]", "f", "KKT");
  out += line;
  for (const auto& r : runs) {
    char f_error[32] = "-";
    if (r.has_f_star) std::snprintf(f_error, sizeof f_error, "%.1e", relative_error(r.las.objective, r.f_star));
    std::snprintf(line, sizeof line, "%-18s %5d %8lld %9.3e %16.9e %8.1e %-24s %8s", r.name.c_str(),
                  r.las.iterations, r.las.inner_iterations, r.las.seconds, r.las.objective, r.las.kkt_residual,
                  opt::to_string(r.las.reason).c_str(), f_error);
    out += line;
    if (r.has_ipopt) {
      std::snprintf(line, sizeof line, " | %5d %9.3e %16.9e %8.1e%s\n", r.ipopt.iterations, r.ipopt.seconds,
                    r.ipopt.objective, r.ipopt.kkt_residual, r.ipopt.success ? "" : ("  " + r.ipopt.status).c_str());
    } else {
      std::snprintf(line, sizeof line, " | %5s\n", "-");
    }
    out += line;
  }
  const Summary s = summarise(runs);
  std::snprintf(line, sizeof line,
                "las AdaSketch-Newton: success %d/%d (%.0f%%), median iterations %g, %lld inner sketch "
                "iterations, %.3e s\n",
                s.successes, s.problems, percent(s.successes, s.problems), s.median_iterations,
                s.inner_iterations, s.seconds);
  out += line;
  if (s.ipopt_runs > 0) {
    std::snprintf(line, sizeof line, "IPOPT:                success %d/%d (%.0f%%), median iterations %g, %.3e s\n",
                  s.ipopt_successes, s.ipopt_runs, percent(s.ipopt_successes, s.ipopt_runs),
                  s.ipopt_median_iterations, s.ipopt_seconds);
    out += line;
  }
  return out;
}

nlohmann::json results_json(const std::vector<ProblemRun>& runs) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& r : runs) {
    nlohmann::json history = nlohmann::json::array();
    for (const auto& h : r.las.history)
      history.push_back({{"iteration", h.iteration},
                         {"objective", h.objective},
                         {"merit", h.merit},
                         {"kkt_residual", h.kkt_residual},
                         {"constraint_norm", h.constraint_norm},
                         {"step_length", h.step_length},
                         {"inner_iterations", h.inner_iterations},
                         {"penalty_updates", h.penalty_updates},
                         {"hessian_modified", h.hessian_modified},
                         {"eta1", h.eta1},
                         {"eta2", h.eta2},
                         {"delta", h.delta}});
    nlohmann::json p = {{"name", r.name},
                        {"success", las_success(r)},
                        {"reason", opt::to_string(r.las.reason)},
                        {"message", r.las.message},
                        {"iterations", r.las.iterations},
                        {"inner_iterations", r.las.inner_iterations},
                        {"penalty_updates", r.las.penalty_updates},
                        {"hessian_modifications", r.las.hessian_modifications},
                        {"seconds", r.las.seconds},
                        {"objective", r.las.objective},
                        {"kkt_residual", r.las.kkt_residual},
                        {"constraint_norm", r.las.constraint_norm},
                        {"history", history}};
    if (r.has_f_star) {
      p["f_star"] = r.f_star;
      p["f_star_error"] = relative_error(r.las.objective, r.f_star);
    }
    if (r.has_ipopt)
      p["ipopt"] = {{"status", r.ipopt.status},
                    {"success", r.ipopt.success},
                    {"iterations", r.ipopt.iterations},
                    {"seconds", r.ipopt.seconds},
                    {"objective", r.ipopt.objective},
                    {"kkt_residual", r.ipopt.kkt_residual},
                    {"kkt_history", r.ipopt.kkt_history}};
    problems.push_back(p);
  }
  const Summary s = summarise(runs);
  nlohmann::json summary = {{"problems", s.problems},
                            {"successes", s.successes},
                            {"success_rate", s.problems > 0 ? static_cast<double>(s.successes) / s.problems : 0.0},
                            {"median_iterations", s.median_iterations},
                            {"inner_iterations", s.inner_iterations},
                            {"seconds", s.seconds}};
  if (s.ipopt_runs > 0)
    summary["ipopt"] = {{"problems", s.ipopt_runs},
                        {"successes", s.ipopt_successes},
                        {"median_iterations", s.ipopt_median_iterations},
                        {"seconds", s.ipopt_seconds}};
  return {{"problems", problems}, {"summary", summary}};
}

std::string history_csv(const std::vector<ProblemRun>& runs) {
  std::string out = "problem,solver,iteration,kkt_residual\n";
  char line[160];
  for (const auto& r : runs) {
    for (const auto& h : r.las.history) {
      std::snprintf(line, sizeof line, "%s,las,%d,%.17g\n", r.name.c_str(), h.iteration, h.kkt_residual);
      out += line;
    }
    if (!r.has_ipopt) continue;
    for (std::size_t k = 0; k < r.ipopt.kkt_history.size(); ++k) {
      std::snprintf(line, sizeof line, "%s,ipopt,%zu,%.17g\n", r.name.c_str(), k, r.ipopt.kkt_history[k]);
      out += line;
    }
  }
  return out;
}

}  // namespace las::adasketch_app
