// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/core/linear_operator.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/krylov/preconditioner.hpp"

namespace las {

enum class CgPreconditioner { None, Jacobi };

struct CgOptions {
  double rtol = 1e-8;           ///< stop when ||r|| <= rtol ||b||
  double atol = 0.0;            ///< ... or when ||r|| <= atol
  int max_iterations = 10000;
  CgPreconditioner preconditioner = CgPreconditioner::None;
  bool record_history = true;         ///< keep ||r_k|| for every k
  bool compute_true_residual = true;  ///< recompute ||b - A x|| at exit (one more apply)
};

/// Conjugate gradients (Hestenes–Stiefel) with an optional Jacobi preconditioner, on
/// any LinearOperator. x holds the initial guess and returns the solution. The vector
/// updates and dots of an iteration are fused into two passes (A p with p·Ap, then
/// x, r, z updates with r·z and r·r) and one all-reduce each. Stops on rtol/atol
/// (unpreconditioned residual, as PETSc's KSP_NORM_UNPRECONDITIONED), max iterations,
/// NaN, a non-positive p·Ap (indefinite or singular operator) or r·z <= 0.
/// Collective over A.comm().
SolveReport solve_cg(const LinearOperator& a, const DistVector& b, DistVector& x,
                     const CgOptions& options);

/// Preconditioned CG with any SPD Preconditioner M (options.preconditioner is ignored):
/// z = M⁻¹ r each iteration, same stopping rules and unpreconditioned residual norm as
/// solve_cg. report.method is "pcg:" + m.name(). Collective over A.comm().
SolveReport solve_pcg(const LinearOperator& a, const Preconditioner& m, const DistVector& b,
                      DistVector& x, const CgOptions& options);

}  // namespace las
