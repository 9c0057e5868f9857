// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "solvers/config/deck.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/stencil_operator.hpp"

namespace las::poisson {

/// The linear system a las_poisson run solves, built from the deck.
struct PoissonSystem {
  std::unique_ptr<BoxGrid> grid;             ///< grid problems only
  std::unique_ptr<StencilOperator> stencil;  ///< grid problems only
  std::unique_ptr<DistCsrMatrix> matrix;     ///< assembled (for PETSc, las.operator=csr, or files)
  const LinearOperator* las_operator = nullptr;  ///< what las's solver applies
  DistVector b;
  std::optional<DistVector> reference;  ///< known solution (manufactured: continuous; a_times_ones: 1)
  std::string rhs_kind;                 ///< the resolved problem.rhs
  std::string description;
};

/// Builds the operator(s) and right-hand side (collective). `assemble` forces the CSR
/// matrix of a grid problem (PETSc needs it). Input errors throw InputError/ConfigError
/// naming the file or key at fault, on every rank.
PoissonSystem build_system(const Comm& comm, const config::Deck& deck, bool assemble);

}  // namespace las::poisson
