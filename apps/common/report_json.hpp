// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "solvers/config/deck.hpp"
#include "solvers/core/comm.hpp"
#include "solvers/core/solve_report.hpp"

namespace las::app {

/// A SolveReport as JSON (the residual history included) for --report files.
nlohmann::json to_json(const SolveReport& r);

/// The fields every las --report file starts with: app, version, ranks, deck (its path),
/// config (the resolved deck). The app adds its own fields to what this returns.
nlohmann::json report_header(const Comm& comm, const std::string& app, const config::Deck& deck);

/// Writes `report` (indented, newline-terminated) to `path` atomically (a temporary name,
/// then a rename) from rank 0, with las's MPI traffic added as "communication"
/// (communication_report.hpp). Collective.
void write_report(const Comm& comm, const std::string& path, const nlohmann::json& report);

}  // namespace las::app
