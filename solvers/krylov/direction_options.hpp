// SPDX-License-Identifier: BSD-3-Clause
// Options shared by the conjugate-direction solvers that a nonlinear "preconditioner"
// (a network, any map r -> z) drives: DCDM (dcdm.hpp) and flexible CG (fcg.hpp).
#pragma once

#include <functional>
#include <optional>

#include "solvers/core/dist_vector.hpp"

namespace las {

/// Where the solve lives. The solvers work with Π A Π and Π b, where Π is the
/// orthogonal projector onto {v : v = 0 outside the mask, and Σ v = 0 over the inside
/// cells when neumann}. Directions, residuals and the initial guess are projected, so
/// cells outside the mask stay exactly zero and the constant never enters x.
struct KrylovDomain {
  /// 1 on cells inside the domain, 0 outside (exactly; anything else is an error), in
  /// the operator's vector layout. Empty: the whole grid. The system solved is then the
  /// inside block A_II x_I = b_I (zero Dirichlet values on the outside cells).
  std::optional<DistVector> mask;
  /// A (restricted to the inside) is singular with the constant as null space (a
  /// pure-Neumann problem on one connected domain). b must be compatible.
  bool neumann = false;
  /// Neumann: b is compatible when |1ᵀb| / sqrt(n_inside) <= compatibility_tol ||b||.
  double compatibility_tol = 1e-10;
  /// Neumann, incompatible b: false throws InputError naming the mismatch; true solves
  /// the least-squares problem with b's constant component removed instead.
  bool project_incompatible_rhs = false;
};

/// What a monitor sees each iteration: the direction after projection and
/// A-orthogonalisation, its product with A, the curvature pᵀAp and the step length.
/// The vectors are the solver's own: copy them (clone) to keep them.
struct DirectionStep {
  int iteration;  ///< 0-based index of the step being taken
  const DistVector& direction;
  const DistVector& a_direction;
  double curvature;
  double step;
};

struct DirectionSolverOptions {
  double rtol = 1e-8;          ///< stop when ||r|| <= rtol ||Π b||
  double atol = 0.0;           ///< ... or when ||r|| <= atol (unpreconditioned residual)
  int max_iterations = 10000;
  /// Replace the recurrence residual by Π(b - A x) every this many iterations (one more
  /// apply each time); 0 = never. The paper's loop refreshes every iteration (1).
  int refresh_every = 50;
  /// DivergedStagnation when ||r|| has not fallen below (1 - stagnation_decrease) times
  /// its best value for this many iterations (a nonlinear direction map can stall with
  /// pᵀr ~ 0, and then ||r|| moves by rounding only); 0 = off.
  int stagnation_window = 50;
  double stagnation_decrease = 1e-6;
  /// DivergedBreakdown when A-orthogonalisation leaves less than this fraction of the
  /// map's output (2-norm): the new direction would be rounding noise.
  double orthogonalization_breakdown = 1e-12;
  bool record_history = true;         ///< keep ||r_k|| for every k
  bool compute_true_residual = true;  ///< recompute ||Π(b - A x)|| at exit (one more apply)
  KrylovDomain domain;
  /// Called once per iteration before the update (tests, diagnostics); may be empty.
  std::function<void(const DirectionStep&)> monitor;
};

}  // namespace las
