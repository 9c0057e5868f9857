// SPDX-License-Identifier: BSD-3-Clause
// The hard-constraint layer of PI-HC and PI-HC-MoE (Chalapathi, Du, Krishnapriyan, ICLR
// 2024) as a LibTorch autograd function. For every problem b (one expert of one sample:
// the leading dimension is batch x experts), the basis network's N functions enter only
// through linear features, and the layer finds the coefficients
//
//     ω_b = argmin_ω ½ Σ_p (w_pde φ(F[b,p] ω + z0[b,p]))² + ½ Σ_q (A[b,q]·ω − y[b,q])² + ½ ‖ridge·ω‖²
//
// by Levenberg–Marquardt in FP64, all problems at once on las Kokkos kernels (batched
// JᵀJ, Jᵀr and small Cholesky). F[b,p] is a (features x N) block: the rows of linear
// operators (value, time derivative, second space derivative, ...) applied to the N basis
// functions at sampled point p, so F[b,p] ω are the features of the field b·ω there (plus
// those z0 of a fixed part of the field, optional), and φ
// is a pointwise residual with known first and second derivatives (PointResidualKind).
// A and y are the linear rows (initial and boundary conditions, already weighted).
//
// Backward: the implicit function theorem on the optimality condition g(ω, F, A, y) =
// ∇_ω(½‖r‖²) = 0 with its exact Jacobian H = JᵀJ + Σ r ∇²r + ridge² I (one N x N Cholesky
// solve per problem), so gradients reach F, A and y and through them the basis network.
// No unrolling of the LM iterations. Where H is not positive definite the adjoint falls
// back to the Gauss–Newton matrix (counted: hard_constraint_backward_stats()). The
// backward is not itself differentiable (no double backward).
#pragma once

#include <torch/torch.h>

#include "solvers/moe/torch/hard_constraint_options.hpp"

namespace las::moe {

/// point_features [B, P, feature_count(kind), N], linear_rows [B, Q, N] and
/// linear_targets [B, Q], all float64 on the CPU (Q may be 0). Returns ω [B, N] float64,
/// differentiable with respect to the three inputs. Throws las::Error on inconsistent
/// shapes or dtypes. `summary` (optional) receives the forward solve's statistics.
torch::Tensor hard_constraint_solve(const torch::Tensor& point_features, const torch::Tensor& linear_rows,
                                    const torch::Tensor& linear_targets, const PointResidual& residual,
                                    const LmOptions& options, LmSummary* summary = nullptr);

/// The same with affine point features F[b,p] ω + z0[b,p]: point_offsets [B, P, nf]
/// float64 (undefined: none) are the features of a part of the field that no coefficient
/// scales (Navier–Stokes: the initial vorticity, added to the basis expansion); ω is
/// differentiable with respect to them too.
torch::Tensor hard_constraint_solve(const torch::Tensor& point_features, const torch::Tensor& point_offsets,
                                    const torch::Tensor& linear_rows, const torch::Tensor& linear_targets,
                                    const PointResidual& residual, const LmOptions& options,
                                    LmSummary* summary = nullptr);

/// The backward passes' statistics summed since the process started (thread-safe): how
/// often the exact Hessian was not positive definite and the Gauss–Newton matrix was used
/// instead, and how many problems got NaN gradients (see HardConstraintBackwardStats).
HardConstraintBackwardStats hard_constraint_backward_stats();

}  // namespace las::moe
