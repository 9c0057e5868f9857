// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <nlohmann/json.hpp>

#include "solvers/core/solve_report.hpp"

namespace las::app {

/// A SolveReport as JSON (the residual history included) for --report files.
nlohmann::json to_json(const SolveReport& r);

}  // namespace las::app
