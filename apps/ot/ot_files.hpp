// SPDX-License-Identifier: BSD-3-Clause
// las_ot's files in output.directory: the convergence histories as CSV and their PNG.
#pragma once

#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/ot/ot_solve.hpp"

namespace las::ot_app {

/// "solver,iteration,seconds,step,marginal_error" then one line per recorded history
/// entry of every solver (entry 0 is the start; step: start, sinkhorn or newton).
std::string history_csv(const std::vector<ot::OtResult>& results);

/// Collective: runs apps/ot/plot_convergence.py CSV PNG on rank 0 (LAS_PYTHON3); warns
/// and returns false when python3/matplotlib is missing (the CSV still has the data).
bool draw_convergence_plot(const Comm& comm, const std::string& csv, const std::string& png);

}  // namespace las::ot_app
