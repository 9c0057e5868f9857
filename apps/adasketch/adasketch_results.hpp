// SPDX-License-Identifier: BSD-3-Clause
// las_adasketch's results: one row per problem (las, and IPOPT beside it when it ran),
// the summary, the --report JSON and the per-iteration CSV.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "solvers/opt/ada_sketch_newton.hpp"

namespace las::adasketch_app {

/// One problem as las_ipopt_runner solved it.
struct IpoptRun {
  std::string status;
  bool success = false;
  int iterations = 0;
  double objective = 0;
  double kkt_residual = 0;
  double seconds = 0;
  std::vector<double> kkt_history;  ///< ‖(∇ₓL, c)‖ per IPOPT iterate (0: the start)
};

struct ProblemRun {
  std::string name;
  bool has_f_star = false;
  double f_star = 0;
  opt::OptResult las;
  bool has_ipopt = false;
  IpoptRun ipopt;
};

/// |f - f*| / max(1, |f*|): relative, absolute where f* is near 0 (as the tests measure).
double relative_error(double f, double f_star);

/// las succeeded on a problem: it converged and, where f* is published, f is within 1e-6
/// of it (relative_error).
bool las_success(const ProblemRun& run);

/// The per-problem table (iterations, inner sketch iterations, time, f, KKT residual,
/// reason; f*'s error; IPOPT's iterations, time, f, KKT) and the summary lines.
std::string results_table(const std::vector<ProblemRun>& runs);

/// {"problems": [...], "summary": {...}}: every run with its per-iteration history.
nlohmann::json results_json(const std::vector<ProblemRun>& runs);

/// "problem,solver,iteration,kkt_residual", then one line per iterate of each solver.
std::string history_csv(const std::vector<ProblemRun>& runs);

}  // namespace las::adasketch_app
