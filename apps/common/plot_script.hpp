// SPDX-License-Identifier: BSD-3-Clause
// Apps draw their PNGs with small python3 + matplotlib scripts (DESIGN: Python for plots
// only, never in the solvers).
#pragma once

#include <string>

#include "solvers/core/comm.hpp"

namespace las::app {

/// Collective: runs `LAS_PYTHON3 script csv png` on rank 0, the script taken from
/// `installed` when that file exists (an installed las), else from `source` (a build
/// tree). Warns and returns false when it fails (no python3 or matplotlib): the CSV
/// still holds the data, so a missing plot never fails a run.
bool run_plot_script(const Comm& comm, const std::string& installed, const std::string& source,
                     const std::string& csv, const std::string& png);

}  // namespace las::app
