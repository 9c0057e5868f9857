// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/core/linear_operator.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/krylov/direction_options.hpp"
#include "solvers/krylov/preconditioner.hpp"

namespace las {

struct FcgOptions : DirectionSolverOptions {
  /// Notay's truncation m: each direction is A-orthogonalised against the last m.
  /// m = 1 is the flexible CG that equals PCG for a linear SPD preconditioner; m = 0
  /// is preconditioned steepest descent.
  int truncation = 1;
};

/// Flexible CG, FCG(m) of Notay (SIAM J. Sci. Comput. 22, 2000): z = M(r) with any
/// (nonlinear, non-symmetric) preconditioner, d = z − Σ_{j<=m} (zᵀAd_j / d_jᵀAd_j) d_j
/// (classical Gram–Schmidt: all m coefficients from z in one all-reduce), then the exact
/// line search x += (dᵀr / dᵀAd) d. Unlike DCDM the preconditioner sees r unscaled.
/// Same domain options, stopping rules and breakdown reasons as solve_dcdm.
/// report.method is "fcg(m=1)". Collective over a.comm().
SolveReport solve_fcg(const LinearOperator& a, const Preconditioner& m, const DistVector& b,
                      DistVector& x, const FcgOptions& options);

}  // namespace las
