// SPDX-License-Identifier: BSD-3-Clause
// The spectral quantities AdaSketch's accuracy test needs (‖K‖, ‖J‖, ξ_G = λ_min(J Jᵀ),
// ‖∇²ₓL‖) in closed form for the linear-quadratic PDE-constrained problem
// (poisson_control_problem.hpp), so that the large-scale path never forms a matrix.
// J = [Δ_h, I] and ∇²ₓL = diag(I, 0.1 I) do not depend on (x, λ). Δ_h is diagonalised by
// the discrete sine modes (k, l), 1 <= k, l <= N, with eigenvalue −μ_kl,
//   μ_kl = (4/h²)(sin²(kπ/(2(N+1))) + sin²(lπ/(2(N+1)))),
// so J Jᵀ = Δ_h² + I has eigenvalues 1 + μ_kl², and K = [[∇²ₓL, Jᵀ], [J, 0]] splits into
// the 3 x 3 blocks [[1, 0, −μ], [0, 0.1, 1], [−μ, 1, 0]] (state, control, multiplier) of
// the modes: ‖K‖ is the largest |eigenvalue| over them. ∇²ₓL ⪰ 0.1 I, so the reduced
// Hessian's curvature is at least 0.1 and the Hessian modification never applies (B =
// ∇²ₓL). tests/unit/opt/test_poisson_control checks all of this against the dense
// spectra of the assembled matrices.
#pragma once

namespace las::opt {

struct PoissonControlSpectra {
  double kkt_norm = 0;       ///< ‖K‖₂
  double jacobian_norm = 0;  ///< ‖J‖₂ = √(1 + μ_max²)
  double xi_g = 0;           ///< λ_min(J Jᵀ) = 1 + μ_min²
  double hessian_norm = 1;   ///< ‖∇²ₓL‖₂
  double hessian_min = 0.1;  ///< λ_min(∇²ₓL): a lower bound of the reduced curvature
};

/// For the N x N grid (N >= 1).
PoissonControlSpectra poisson_control_spectra(long long n);

/// Eigenvalues of a symmetric 3 x 3 matrix [[a, d, e], [d, b, f], [e, f, c]], ascending
/// (the trigonometric closed form).
void symmetric_eigenvalues_3x3(double a, double b, double c, double d, double e, double f, double out[3]);

}  // namespace las::opt
