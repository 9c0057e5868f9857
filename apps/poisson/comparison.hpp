// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "solvers/core/solve_report.hpp"

namespace las::poisson {

/// One row of the comparison table: a solver's report and its error against the
/// known solution (-1 when there is none).
struct ComparisonRow {
  std::string label;
  SolveReport report;
  double error = -1;
};

/// The table printed at the end of a run: iterations, times, true residual, reason,
/// then las's time per iteration and total time as ratios of the anchor's (last row).
std::string comparison_table(const std::vector<ComparisonRow>& rows);
nlohmann::json comparison_json(const std::vector<ComparisonRow>& rows);

}  // namespace las::poisson
