// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/core/linear_operator.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/relaxation/sor_sweeper.hpp"

namespace las {

struct SorOptions {
  double omega = 1.0;           ///< relaxation, 0 < ω < 2 (else ConfigError)
  double rtol = 1e-8;           ///< stop when ||r|| < rtol ||r0|| (relative to the INITIAL residual, as sor.m)
  int max_iterations = 10000;   ///< sor.m's cap
  SorOrdering ordering = SorOrdering::Lexicographic;
  /// Growth guard: ||r|| > dtol ||r0|| reports DivergedNan at once instead of sweeping on
  /// to overflow (SOR only diverges for operators that are not SPD). PETSc's KSP dtol.
  double dtol = 1e8;
  bool record_history = true;   ///< keep ||r_k|| for every k
};

/// Stationary SOR, x <- x + M⁻¹ (b - A x) with M = D/ω + L (one sweep per iteration), on a
/// StencilOperator or DistCsrMatrix in options.ordering; x holds the initial guess.
/// Each iteration computes the true residual b - A x with one operator apply, exactly as
/// MATLAB's sor.m, so iteration counts match it at one rank (lexicographic).
/// Stops on: ||r|| / ||r0|| < rtol (ConvergedRtol); r0 = 0 (ConvergedAtol, 0 iterations);
/// NaN/Inf or growth past dtol (DivergedNan, iterations = sweeps done); the cap
/// (DivergedMaxIterations, iterations = max_iterations). A caller that charges a
/// diverged solve by its iterations (a bandit) must charge the cap instead.
/// true_residual = final_residual (both are true residuals). Collective over a.comm().
SolveReport solve_sor(const LinearOperator& a, const DistVector& b, DistVector& x,
                      const SorOptions& options);

}  // namespace las
