// SPDX-License-Identifier: BSD-3-Clause
// IPOPT (Debian's coinor-libipopt-dev 3.11) on a las::opt::ConstrainedProblem: the anchor
// that AdaSketch-Newton is compared with. The TNLP takes f, ∇f, c, the dense Jacobian
// and the exact Hessian of IPOPT's Lagrangian σf + λᵀc from the problem's products (Sacado
// for the problem set), so both solvers see the same derivatives. A problem that also
// derives from opt::SparseDerivatives (the PDE-constrained problem) gives sparse triplets
// instead, and a quadratic program is declared to IPOPT as one (jac_c_constant,
// hessian_constant).
//
// IPOPT cannot share an executable with MPI: Debian's IPOPT links sequential MUMPS,
// whose stub library exports fake MPI_* symbols (cmake-recipe.md). This anchor and its
// callers therefore link only las::opt_problems (no MPI of their own), and the stub is a
// direct dependency of the executable, so the dynamic loader (breadth first) resolves
// MPI_* to it rather than to the Open MPI that Trilinos' Teuchos library pulls in for
// Sacado. Nothing in such a process initialises MPI. A driver that compares las with
// IPOPT runs them as two processes (tests/unit/opt: test_opt_ipopt writes a CSV that
// test_opt_problem_set reads).
#pragma once

#include <string>
#include <vector>

#include "solvers/opt/problem.hpp"

namespace las::anchors {

struct IpoptAnchorOptions {
  double tolerance = 1e-10;  ///< IPOPT's `tol` (its scaled NLP error)
  int max_iterations = 3000;
  int print_level = 0;       ///< IPOPT's output, 0 = silent
};

struct IpoptAnchorResult {
  bool success = false;   ///< IPOPT returned Solve_Succeeded (or Solved_To_Acceptable_Level)
  std::string status;     ///< IPOPT's ApplicationReturnStatus, as a name
  int iterations = 0;
  double objective = 0;
  double kkt_residual = 0;  ///< ‖(∇ₓL, c)‖ at IPOPT's x and λ: las's measure
  std::vector<double> x, lambda;
  double seconds = 0;
  /// ‖(∇ₓL, c)‖ at every iterate IPOPT reports (entry 0: the start), from its unscaled
  /// dual infeasibility and constraint violation in the 2-norm: las's measure, for the
  /// side-by-side convergence plots. Restoration-phase iterates are left out.
  std::vector<double> kkt_history;
};

/// Solves from the problem's initial point with λ = 0.
IpoptAnchorResult solve_with_ipopt(const opt::ConstrainedProblem& problem,
                                   const IpoptAnchorOptions& options = {});

}  // namespace las::anchors
