// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/core/linear_operator.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/krylov/direction_options.hpp"
#include "solvers/krylov/preconditioner.hpp"

namespace las::detail {

/// What distinguishes DCDM from flexible CG; everything else is one loop.
struct DirectionRule {
  std::string method;            ///< report.method
  int kept = 0;                  ///< directions kept for A-orthogonalisation
  bool normalize_input = false;  ///< the map sees r / ||r|| (DCDM) or r (FCG)
  bool modified_gram_schmidt = false;  ///< MGS (DCDM) or one-reduction CGS (FCG)
};

/// The conjugate-direction loop with direction z = map(r), A-orthogonalised against the
/// kept directions, and an exact energy-norm line search. See solve_dcdm.
SolveReport solve_conjugate_directions(const LinearOperator& a, const Preconditioner& map,
                                       const DistVector& b, DistVector& x,
                                       const DirectionSolverOptions& o,
                                       const DirectionRule& rule);

}  // namespace las::detail
