// SPDX-License-Identifier: BSD-3-Clause
// las_learned_cg's results: the comparison table, the JSON report's body and the
// residual-history CSV.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "apps/learned_cg/method_runs.hpp"
#include "apps/learned_cg/network_throughput.hpp"

namespace las::learned_cg {

/// When a solve first reached ||r_k|| <= rtol ||b||, read from its residual history:
/// the iteration k and the time k / iterations x solve time (a solve's iterations cost
/// the same). iterations = -1 when it never did.
struct RtolHit {
  double rtol = 0;
  int iterations = -1;
  double seconds = 0;
};
std::vector<RtolHit> rtol_hits(const SolveReport& report, const std::vector<double>& rtols);

/// One line per method: iterations and time to each rtol, the ratio to CG's
/// iterations at that rtol (when cg ran), the final true relative residual, the reason.
std::string comparison_table(const std::vector<MethodResult>& results, const std::vector<double>& rtols);
/// {"rtols": [...], "methods": [{method, label, to_rtol: [{rtol, iterations, seconds,
/// ratio_to_cg_iterations}], report...}]}
nlohmann::json comparison_json(const std::vector<MethodResult>& results, const std::vector<double>& rtols);

/// "method,iteration,seconds,relative_residual" then one line per history entry of
/// every method (seconds as in RtolHit).
std::string history_csv(const std::vector<MethodResult>& results);

}  // namespace las::learned_cg
