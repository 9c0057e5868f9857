// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>
#include <vector>

namespace las {

/// Why an iterative solve stopped (after PETSc's KSPConvergedReason): positive values
/// converged, negative values diverged.
enum class SolveReason {
  Iterating = 0,
  ConvergedRtol = 2,
  ConvergedAtol = 3,
  DivergedMaxIterations = -3,
  DivergedBreakdown = -5,      ///< a zero or tiny denominator (p·Ap, r·z)
  DivergedIndefinite = -8,     ///< negative curvature p·Ap < 0: operator not SPD
  DivergedNan = -9,            ///< NaN or Inf in a residual or coefficient
  DivergedStagnation = -10,    ///< no progress over a window of iterations
};

/// "converged: rtol", "diverged: max iterations", ... (stable strings for reports).
std::string to_string(SolveReason reason);
inline bool converged(SolveReason r) { return static_cast<int>(r) > 0; }

/// What a solver returns: never printed by the solver itself.
struct SolveReport {
  std::string method;                    ///< "cg", "jacobi-pcg", ...
  SolveReason reason = SolveReason::Iterating;
  int iterations = 0;
  double initial_residual = 0;           ///< ||b - A x0||
  double final_residual = 0;             ///< recurrence residual at exit
  double true_residual = -1;             ///< ||b - A x|| recomputed at exit (-1: not computed)
  double rhs_norm = 0;                   ///< ||b||
  std::vector<double> residual_history;  ///< ||r_k||, k = 0..iterations
  double setup_seconds = 0;
  double solve_seconds = 0;
  bool converged() const { return las::converged(reason); }
  double seconds_per_iteration() const {
    return iterations > 0 ? solve_seconds / iterations : 0.0;
  }
};

}  // namespace las
