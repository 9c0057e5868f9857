// SPDX-License-Identifier: BSD-3-Clause
// The hard-constraint layer of PI-HC and PI-HC-MoE (Chalapathi, Du, Krishnapriyan, ICLR
// 2024) as a LibTorch autograd function. For every problem b (one expert of one sample:
// the leading dimension is batch x experts), the basis network's N functions enter only
// through linear features, and the layer finds the coefficients
//
//     ω_b = argmin_ω ½ Σ_p (w_pde φ(F[b,p] ω))² + ½ Σ_q (A[b,q]·ω − y[b,q])² + ½ ‖ridge·ω‖²
//
// by Levenberg–Marquardt in FP64, all problems at once on las Kokkos kernels (batched
// JᵀJ, Jᵀr and small Cholesky). F[b,p] is a (features x N) block: the rows of linear
// operators (value, time derivative, second space derivative, ...) applied to the N basis
// functions at sampled point p, so F[b,p] ω are the features of the field b·ω there, and φ
// is a pointwise residual with known first and second derivatives (PointResidualKind).
// A and y are the linear rows (initial and boundary conditions, already weighted).
//
// Backward: the implicit function theorem on the optimality condition g(ω, F, A, y) =
// ∇_ω(½‖r‖²) = 0 with its exact Jacobian H = JᵀJ + Σ r ∇²r + ridge² I (one N x N Cholesky
// solve per problem), so gradients reach F, A and y and through them the basis network.
// No unrolling of the LM iterations.
#pragma once

#include <string>

#include <torch/torch.h>

namespace las::moe {

/// How the features of one sampled point combine into its PDE residual φ.
enum class PointResidualKind {
  /// 1D diffusion–sorption (PDEBench), features (u, u_t, u_xx):
  ///   φ = u_t − D u_xx / R(u),  R(u) = 1 + (1 − φ_p)/φ_p ρ_s k n_f (u + 1e-6)^(n_f − 1)
  /// (the guarded power of the authors' code).
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
  double tolerance = 1e-4;         ///< stop when the step and the gradient are below rtol = atol = tolerance (optimistix)
  int max_iterations = 100;        ///< the authors' config `maxiter`
  double initial_coefficient = 1;  ///< ω₀ (1 for diffusion–sorption as in the code, 0 for Navier–Stokes)
  double initial_damping = 1e-3;   ///< LM's μ₀, relative to max diag(JᵀJ)
};

/// What the forward solve did, for logs and reports (a failed LM solve is counted and
/// named here, never hidden; the layer still returns its last iterate).
struct LmSummary {
  long long problems = 0;
  long long failed = 0;          ///< problems that hit max_iterations or met a NaN
  int max_iterations_used = 0;
  double max_gradient_norm = 0;  ///< ‖Jᵀr + ridge² ω‖ at exit, max over problems
  std::string first_failure;     ///< "problem 3: max_iterations (100) reached, ‖g‖ = ..." or empty
};

/// point_features [B, P, feature_count(kind), N], linear_rows [B, Q, N] and
/// linear_targets [B, Q], all float64 on the CPU (Q may be 0). Returns ω [B, N] float64,
/// differentiable with respect to the three inputs. Throws las::Error on inconsistent
/// shapes or dtypes. `summary` (optional) receives the forward solve's statistics.
torch::Tensor hard_constraint_solve(const torch::Tensor& point_features, const torch::Tensor& linear_rows,
                                    const torch::Tensor& linear_targets, const PointResidual& residual,
                                    const LmOptions& options, LmSummary* summary = nullptr);

}  // namespace las::moe
