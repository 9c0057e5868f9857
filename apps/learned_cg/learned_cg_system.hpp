// SPDX-License-Identifier: BSD-3-Clause
// The system las_learned_cg solves, built from the deck: -div(k grad u) = b on the unit
// square/cube (zero Dirichlet), optionally on a masked sub-domain (zero outside).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "solvers/config/deck.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/stencil_operator.hpp"

namespace las::learned_cg {

struct LearnedCgSystem {
  std::unique_ptr<BoxGrid> grid;
  std::unique_ptr<StencilOperator> stencil;  ///< the whole grid's operator (dcdm, fcg)
  /// 1 inside the domain, 0 outside; empty for the whole box. dcdm and fcg take it as
  /// KrylovDomain::mask on the stencil.
  std::optional<DistVector> mask;
  /// Assembled: the stencil's rows inside the domain without their couplings to outside
  /// cells, identity rows outside (P A P + I - P, SPD). Built for PETSc, and for CG on a
  /// masked domain; null when neither needs it.
  std::unique_ptr<DistCsrMatrix> matrix;
  DistVector b;  ///< zero outside the domain
  std::string description;

  /// The operator CG and Jacobi-PCG run on: the matrix-free stencil on the box, the
  /// masked matrix otherwise (both give the inside block's iterates).
  const LinearOperator& cg_operator() const;
};

/// Collective. `assemble` builds `matrix` also on the box (the PETSc methods need it).
/// Bad values throw the deck's one-line ConfigError naming the key.
LearnedCgSystem build_system(const Comm& comm, const config::Deck& deck, bool assemble);

}  // namespace las::learned_cg
