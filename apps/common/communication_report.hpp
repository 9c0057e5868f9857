// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "solvers/core/comm.hpp"

namespace las::app {

/// The report's "communication" object: per phase of las's MPI traffic (the PMPI
/// counters, solvers/core/comm_counters.hpp) the counts summed over ranks and their
/// maxima over ranks, with the iterations of the las solves that `report` lists, so
/// per-iteration numbers can be read off. Collective.
nlohmann::json communication_json(const Comm& comm, const nlohmann::json& report);

/// The las solves' iterations in a report: every object with a string "method" and a
/// numeric "iterations" (a SolveReport), and every numeric "total_iterations" (a solve
/// sequence), except PETSc's (a method or key starting with "petsc": its traffic is on
/// PETSc's own communicator and not counted). `paths` gets the JSON pointers summed.
double las_iterations(const nlohmann::json& report, std::vector<std::string>& paths);

}  // namespace las::app
