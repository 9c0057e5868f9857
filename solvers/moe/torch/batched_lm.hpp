// SPDX-License-Identifier: BSD-3-Clause
// Levenberg–Marquardt for all B problems of a kernels::LeastSquaresBatch at once, on las
// Kokkos kernels and free of LibTorch (the autograd layer wraps it). Every iteration
// solves (JᵀJ + ridge² I + μ I) h = −g for each problem still running, evaluates the trial
// point, and updates each problem's damping by its own ratio test; problems stop
// independently and the loop ends when none runs.
//
// The algorithm (the serial oracle in tests/unit/moe mirrors it step by step):
//  - μ₀ = initial_damping · max diag(JᵀJ + ridge² I) at ω₀, ν = 2;
//  - ρ = (f(ω) − f(ω + h)) / (½ hᵀ(μ h − g)); accept iff ρ > 0 with a finite trial point,
//    then μ ← μ · max(1/3, 1 − (2ρ − 1)³), ν ← 2 (Nielsen); else μ ← μ ν, ν ← 2ν;
//    where the predicted reduction is below the cost's resolution (1e-13 f) the ratio is
//    round-off, and a step whose actual change is as small is accepted with ρ = 1 (without
//    this LM stalls ~√ε short of the optimum, which a tight tolerance cannot reach);
//  - converged (optimistix's Cauchy test, rtol = atol = tolerance) when
//      |h_i| ≤ tol + tol |ω_i + h_i| for every i   and   |f(ω) − f(ω + h)| ≤ tol + tol f(ω + h),
//    after the step is accepted, or when it is rejected because round-off ends the
//    reduction (the same test holds for the rejected step; ω is then kept);
//  - a NaN/Inf at ω₀ (e.g. NaN data), an overflowing μ (no trial point ever finite) or
//    max_iterations steps without convergence fail the problem; it keeps its last ω.
#pragma once

#include <vector>

#include "kernels/batched_least_squares.hpp"
#include "solvers/moe/torch/hard_constraint_options.hpp"

namespace las::moe {

/// The kernels' residual model for the layer's physical parameters.
kernels::PointResidualModel point_residual_model(const PointResidual& residual);

enum class LmStatus : int { Running = 0, Converged = 1, MaxIterations = 2, NotFinite = 3, DampingOverflow = 4 };

struct BatchedLmResult {
  kernels::BatchVectors omega;        ///< [B, N]: each problem's last accepted iterate
  std::vector<int> iterations;        ///< LM steps taken per problem
  std::vector<LmStatus> status;       ///< per problem; anything but Converged is a failure
  std::vector<double> gradient_norm;  ///< ‖Jᵀr + ridge² ω‖∞ at omega
  LmSummary summary;
};

/// Solves every problem of `ls` (ls.ridge is the ridge weight; options.ridge is not read).
/// Throws las::Error on bad options or N > kernels::kMaxCoefficients.
BatchedLmResult batched_levenberg_marquardt(const kernels::LeastSquaresBatch& ls, const LmOptions& options);

}  // namespace las::moe
