// SPDX-License-Identifier: BSD-3-Clause
// IPOPT for las_adasketch, run as a separate process: Debian's IPOPT brings a fake MPI
// and cannot live in the app's MPI process (solvers/anchors/ipopt_anchor.hpp). Rank 0
// starts las_ipopt_runner with the same problem selection, which rebuilds the same
// problems (adasketch_problems.hpp) and writes their results, per-iterate KKT residuals
// included, to a JSON file; the text is broadcast so every rank holds the results.
#pragma once

#include <map>
#include <string>

#include "apps/adasketch/adasketch_problems.hpp"
#include "apps/adasketch/adasketch_results.hpp"
#include "solvers/core/comm.hpp"

namespace las::adasketch_app {

/// Collective. IPOPT's result per problem name; empty, with a warning naming the
/// reason, when IPOPT was not built or the runner failed (a missing anchor never fails
/// the las run).
std::map<std::string, IpoptRun> run_ipopt_process(const Comm& comm, const ProblemSelection& selection);

}  // namespace las::adasketch_app
