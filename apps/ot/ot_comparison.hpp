// SPDX-License-Identifier: BSD-3-Clause
// The side-by-side table and JSON of las_ot's solvers.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "solvers/ot/ot_solve.hpp"

namespace las::ot_app {

/// One line per solver (SNS first), then SNS's ratios against Sinkhorn when both ran.
std::string comparison_table(const std::vector<ot::OtResult>& results);

/// {"solvers": [...], "baseline": ..., "ratio_...": ...}: every solver's report with its
/// marginal-error history, times and step kinds.
nlohmann::json comparison_json(const std::vector<ot::OtResult>& results);

}  // namespace las::ot_app
