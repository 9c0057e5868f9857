// SPDX-License-Identifier: BSD-3-Clause
// Dense least squares for ChebCB's tiny (m×m, m ≈ 6) normal equations, written out
// rather than taken from LAPACK: at this size a few loops are as fast as a library call,
// and las::learning stays free of a LAPACK dependency (and of which LAPACK is found).
// Matrices are row-major std::vector<double> of n*n entries.
#pragma once

#include <vector>

namespace las::learning {

/// Eigen-decomposition of a symmetric n×n matrix by cyclic Jacobi rotations:
/// a = V diag(values) Vᵀ, `vectors` row-major with eigenvector k in column k.
/// Accurate to a few ulps of ‖a‖ for any symmetric input.
void symmetric_eigen(std::vector<double> a, int n, std::vector<double>& values,
                     std::vector<double>& vectors);

/// The minimum-norm solution θ = G⁺h of the normal equations Gθ = h (G = ΦᵀΦ
/// symmetric positive semidefinite, h = Φᵀy). Eigenvalues <= n·ε·λ_max count as
/// zero: the normal equations square the condition number, so directions in which Φ
/// has a singular value below ≈ √(nε)·σ_max are treated as unobserved and get no
/// component (MATLAB's lsqminnorm on Φ itself would resolve down to ≈ ε·σ_max).
std::vector<double> min_norm_solve(const std::vector<double>& g, const std::vector<double>& h,
                                   int n);

/// min ½θᵀGθ − hᵀθ subject to lo <= θ <= hi (lo <= hi; equal bounds fix a variable),
/// i.e. the box-constrained least squares min ‖Φθ − y‖². Projected cyclic coordinate
/// descent from `start` (projected onto the box) to convergence; every 25 sweeps the
/// current active set is tried exactly (free variables by min_norm_solve on their
/// block) and accepted when feasible and KKT-optimal, so the result is exact to
/// rounding rather than to a sweep tolerance. A variable with G_jj = 0 (its feature is
/// zero on all data) does not affect the objective and is set to the box point nearest 0.
std::vector<double> box_least_squares(const std::vector<double>& g, const std::vector<double>& h,
                                      const std::vector<double>& lo, const std::vector<double>& hi,
                                      std::vector<double> start, int n);

/// Largest KKT violation of θ for the box problem above, relative to the data's scale
/// (‖h‖∞ + ‖G‖∞‖θ‖∞): the gradient component of a free variable, or the part of a
/// bound variable's gradient that points into the box. 0 for an exact solution.
double box_kkt_violation(const std::vector<double>& g, const std::vector<double>& h,
                         const std::vector<double>& lo, const std::vector<double>& hi,
                         const std::vector<double>& theta, int n);

}  // namespace las::learning
