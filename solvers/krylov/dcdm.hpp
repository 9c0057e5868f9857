// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/core/linear_operator.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/krylov/direction_options.hpp"
#include "solvers/krylov/preconditioner.hpp"

namespace las {

struct DcdmOptions : DirectionSolverOptions {
  /// Directions kept for A-orthogonalisation (a ring buffer); 0 = none (steepest
  /// descent along the network's direction). The paper keeps 2.
  int kept_directions = 2;
};

/// The deep conjugate direction method (Kaneda et al., ICML 2023). Each iteration:
/// q = net(r / ||r||) (the network is not scale-equivariant, so it sees a unit
/// residual), projected onto the domain, A-orthogonalised by modified Gram–Schmidt
/// against the last kept_directions directions (their A p are stored, so this costs no
/// apply), then the exact energy-norm line search x += (qᵀr / qᵀAq) q, r -= (..) A q.
/// ||x - x*||_A never increases; there is no finite-termination guarantee.
/// net may be any map r -> z (nonlinear, not symmetric). Stops like solve_cg (rtol on
/// ||Π b||, atol, max iterations) plus NaN (DivergedNan), qᵀAq < 0 (DivergedIndefinite),
/// qᵀAq == 0 (DivergedBreakdown: the network returned a direction in the span of the
/// kept ones, or zero) and stagnation. x holds the initial guess (projected onto the
/// domain first). report.method is "dcdm(k=2)". Throws InputError for a bad mask or an
/// incompatible Neumann right-hand side. Collective over a.comm().
SolveReport solve_dcdm(const LinearOperator& a, const Preconditioner& net, const DistVector& b,
                       DistVector& x, const DcdmOptions& options);

}  // namespace las
