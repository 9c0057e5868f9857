// SPDX-License-Identifier: BSD-3-Clause
// The methods las_learned_cg compares, each one solve of the same system to the
// smallest rtol of the deck.
#pragma once

#include <string>
#include <vector>

#include "apps/learned_cg/learned_cg_system.hpp"
#include "solvers/config/deck.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/nn/network_preconditioner.hpp"

namespace las::learned_cg {

/// The deck's `methods`, validated: known names (dcdm, fcg, cg, jacobi_pcg, petsc_icc,
/// petsc_gamg), none twice, at least one, PETSc ones only in a PETSc build. A bad entry
/// throws the deck's one-line ConfigError naming it.
std::vector<std::string> parse_methods(const config::Deck& deck);
/// True when a method needs the network (dcdm, fcg).
bool needs_network(const std::vector<std::string>& methods);
/// True when a method needs PETSc.
bool needs_petsc(const std::vector<std::string>& methods);

struct MethodSettings {
  double rtol = 1e-8;  ///< the smallest of the deck's rtols
  int max_iterations = 5000;
  int kept_directions = 2;
  int fcg_truncation = 1;
  int refresh_every = 50;
  int stagnation_window = 50;
};
MethodSettings method_settings(const config::Deck& deck);

struct MethodResult {
  std::string method;  ///< the deck's name, e.g. "petsc_icc"
  std::string label;   ///< what ran, e.g. "petsc cg+bjacobi/icc"
  SolveReport report;
};

/// Solves sys with `method` from a zero initial guess (collective). `net` is required
/// for dcdm and fcg. The PETSc methods need a live PetscSession.
MethodResult run_method(const std::string& method, const LearnedCgSystem& sys,
                        const nn::NetworkPreconditioner* net, const MethodSettings& settings);

}  // namespace las::learned_cg
