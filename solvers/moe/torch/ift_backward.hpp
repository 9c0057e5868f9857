// SPDX-License-Identifier: BSD-3-Clause
// The implicit-function-theorem backward of the batched least-squares solve, on las Kokkos
// kernels and free of LibTorch. At the LM solution g(ω, θ) = Jᵀr + ridge² ω = 0, so
//   dL/dθ = −(∂g/∂θ)ᵀ v,   H v = dL/dω,   H = JᵀJ + Σ_p r_p ∇²r_p + ridge² I,
// with H the exact Hessian of ½‖r‖² (so the gradient matches finite differences of the
// solve even when the residual is nonzero at the optimum): one N x N Cholesky solve per
// problem, then per-row data gradients (kernels/batched_least_squares_pullback.hpp).
#pragma once

#include "kernels/batched_least_squares_pullback.hpp"
#include "solvers/moe/torch/hard_constraint_options.hpp"

namespace las::moe {

/// Where the data gradients go; a view with extent(0) == 0 is not wanted.
struct IftGradients {
  kernels::BatchFeatureGradients features;  ///< dL/dF [B, P, nf, N]
  kernels::BatchOffsetGradients offsets;    ///< dL/dz0 [B, P, nf]
  kernels::BatchRowGradients rows;          ///< dL/dA [B, Q, N]
  kernels::BatchVectors targets;            ///< dL/dy [B, Q]
};

/// Fills `out` for the solution omega [B, N] and dL/dω [B, N]. The returned statistics
/// count this call only (backward_calls = 1); see HardConstraintBackwardStats for the
/// Gauss–Newton fallback.
HardConstraintBackwardStats ift_backward(const kernels::LeastSquaresBatch& ls, const kernels::ConstBatchVectors& omega,
                                         const kernels::ConstBatchVectors& grad_omega, const IftGradients& out);

}  // namespace las::moe
