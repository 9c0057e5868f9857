// SPDX-License-Identifier: BSD-3-Clause
// The settings and the solve summary of the hard-constraint layer
// (solvers/moe/torch/hard_constraint_layer.hpp), kept free of LibTorch so that the
// Kokkos-only LM driver (batched_lm.hpp) and its callers can use them without torch.
#pragma once

#include <string>

namespace las::moe {

/// How the features of one sampled point combine into its PDE residual φ.
enum class PointResidualKind {
  /// 1D diffusion–sorption (PDEBench), features (u, u_t, u_xx):
  ///   φ = u_t − D u_xx / R(u),  R(u) = 1 + (1 − φ_p)/φ_p ρ_s k n_f (max(u, 0) + 1e-6)^(n_f − 1)
  /// (the guarded power of the authors' jnp.where form and of las::pde::retardation).
  DiffusionSorption,
  /// 2D vorticity form, features (w_t, u_x-velocity, u_y-velocity, w_x, w_y, Δw):
  ///   φ = w_t + u w_x + v w_y − ν Δw
  NavierStokesVorticity,
};

/// Number of features per point of a kind (3 and 6).
int feature_count(PointResidualKind kind);

struct PointResidual {
  PointResidualKind kind = PointResidualKind::DiffusionSorption;
  double pde_weight = 1.0;  ///< w_pde above
  // Diffusion–sorption (the reference notes' values).
  double diffusion = 5e-4;
  double porosity = 0.29;
  double bulk_density = 2880;
  double freundlich_k = 3.5e-4;
  double freundlich_n = 0.874;
  // Navier–Stokes.
  double viscosity = 1e-4;
};

struct LmOptions {
  double ridge = 1e-4;             ///< the weight of the ridge rows ridge·ω (the authors' 1e-4)
  /// rtol = atol = tolerance of optimistix's Cauchy test: a problem has converged when its
  /// step h and cost change Δf satisfy |h_i| ≤ tol + tol |ω_i| for every i and
  /// |Δf| ≤ tol + tol f (f = ½‖r‖²); see batched_lm.hpp for the details.
  double tolerance = 1e-4;
  int max_iterations = 100;        ///< the authors' config `maxiter`
  double initial_coefficient = 1;  ///< ω₀ (1 for diffusion–sorption as in the code, 0 for Navier–Stokes)
  double initial_damping = 1e-3;   ///< LM's μ₀, relative to max diag(JᵀJ + ridge² I) at ω₀
};

/// What the forward solve did, for logs and reports (a failed LM solve is counted and
/// named here, never hidden; the layer still returns its last iterate).
struct LmSummary {
  long long problems = 0;
  long long failed = 0;          ///< problems that hit max_iterations, met a NaN or whose damping overflowed
  int max_iterations_used = 0;
  double max_gradient_norm = 0;  ///< ‖Jᵀr + ridge² ω‖∞ at exit, max over problems (NaN if any is NaN)
  std::string first_failure;     ///< "problem 3: max_iterations (100) reached, ‖g‖ = ..." or empty
};

/// What backward passes did: the implicit-function-theorem adjoint solves H v = dL/dω with
/// the exact Hessian H of ½‖r‖²; where H is not positive definite (ω is no strict local
/// minimum, e.g. a failed forward solve) the Gauss–Newton matrix JᵀJ + ridge² I replaces it
/// (the gradient is then that of a Gauss–Newton implicit adjoint, not exact), and where
/// that fails too (non-finite data) the problem's gradients are NaN. Both are counted.
struct HardConstraintBackwardStats {
  long long backward_calls = 0;
  long long problems = 0;
  long long gauss_newton_fallbacks = 0;
  long long unsolved = 0;      ///< problems whose gradients were set to NaN
  std::string last_fallback;   ///< "problem 3: exact Hessian not positive definite, ..." or empty
};

}  // namespace las::moe
