// SPDX-License-Identifier: BSD-3-Clause
// AdaSketch-Newton (Hong, Na, Mahoney, Kolar, ICML 2023) for  min f(x) s.t. c(x) = 0:
// Newton steps on the KKT system [B Jᵀ; J 0] (Δx, Δλ) = -(∇ₓL, c), solved inexactly by a
// randomized sketching solver whose accuracy is set adaptively, and an Armijo line search
// on the exact augmented Lagrangian 𝓛_η (merit.hpp). One iteration, following the
// authors' CUTEst/AdaSketchNewtonGV.jl (reference notes §2.2):
//  1. ξ_G = λ_min(J Jᵀ); below singular_threshold the run stops (rank-deficient J).
//  2. B = ∇²ₓL, or ∇²ₓL + (ξ_B + ‖∇²ₓL‖) I when λ_min(Zᵀ∇²ₓL Z) < curvature_threshold
//     (Z a null-space basis of J).
//  3. Sketch-solve from Δ = 0 until ‖K‖ ψ ‖r‖ <= θ δ ‖∇L‖, with
//     ψ = 20 max(‖B‖², 1) / (min(ξ_G, 1) min(ξ_B, 1)), Υ = max(‖J‖, ‖∇²ₓL‖, 1),
//     δ_trial = (1/2 - β) η₂ / ((1 + η₁ + η₂) Υ² ψ²), δ ← max(min(δ, δ_trial), δ_floor).
//  4. Unless ∇𝓛_ηᵀΔ <= -(η₂/2)‖∇L‖²: η₁ ← ν²η₁, η₂ ← η₂/ν, δ ← min(δ/ν⁴, δ_trial) (never
//     below δ_floor, as in step 3), and the sketch solve resumes from Δ (accepted anyway
//     once η₁ > eta1_max or η₂ < eta2_min).
//  5. α = 1, halved until 𝓛_η(z + αΔ) <= 𝓛_η(z) + αβ ∇𝓛_ηᵀΔ; z ← z + αΔ.
// The run stops when ‖(∇ₓL, c)‖ <= kkt_tolerance. J, ∇²ₓL and their spectra are formed
// densely from the problem's products: this is the small-problem path (n + m of tens).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solvers/opt/merit.hpp"
#include "solvers/opt/problem.hpp"
#include "solvers/opt/sketch_solver.hpp"

namespace las::opt {

/// Why a run stopped.
enum class OptReason {
  Converged,              ///< ‖(∇ₓL, c)‖ <= kkt_tolerance
  MaxIterations,          ///< max_iterations Newton steps taken
  LineSearchFailure,      ///< no sufficient decrease within max_backtracks halvings
  NanEvaluation,          ///< f, c or a derivative is NaN/Inf at the current point
  RankDeficientJacobian,  ///< λ_min(J Jᵀ) < singular_threshold
};
/// "converged", "max iterations", "line-search failure", "NaN evaluation",
/// "rank-deficient Jacobian" (stable strings for reports).
std::string to_string(OptReason reason);

struct AdaSketchOptions {
  double kkt_tolerance = 1e-6;        ///< on ‖(∇ₓL, c)‖₂
  int max_iterations = 1000;          ///< Newton iterations (the authors': 1e4)
  Penalties penalties{1.0, 0.1};      ///< η₁, η₂ at the start (the authors' defaults)
  double delta = 0.1;                 ///< δ at the start
  double delta_floor = 1e-6;          ///< δ never falls below this
  double xi_b = 0.1;                  ///< ξ_B: Hessian shift and ψ's curvature bound
  double beta = 0.1;                  ///< Armijo constant (< 1/2)
  double nu = 1.5;                    ///< penalty growth factor
  double theta = 1.0;                 ///< θ of the accuracy test (the code's value)
  double singular_threshold = 1e-2;   ///< the code's abort on λ_min(J Jᵀ)
  double curvature_threshold = 1e-6;  ///< reduced-Hessian curvature below which B is shifted
  double eta1_max = 1e8;              ///< penalty safeguards: accept the step beyond these
  double eta2_min = 1e-8;
  int max_backtracks = 60;            ///< halvings of α before a line-search failure
  std::uint64_t seed = 2023;          ///< the sketches' random stream (the authors' seed)
  SketchOptions sketch;               ///< inner solver (Gaussian, one column: the GV variant)
  MeritHessian merit_hessian = MeritHessian::Lagrangian;
};

/// Throws ConfigError naming the first bad field.
void validate(const AdaSketchOptions& options);

/// One Newton iteration's log line; iteration 0 is the start (no step).
struct IterationRecord {
  int iteration = 0;
  double objective = 0;
  double merit = 0;                ///< 𝓛_η at the iterate, with the penalties below
  double kkt_residual = 0;         ///< ‖(∇ₓL, c)‖
  double constraint_norm = 0;      ///< ‖c‖
  double step_length = 0;          ///< α of the step that reached this iterate
  long long inner_iterations = 0;  ///< sketch steps of that step
  int penalty_updates = 0;         ///< of that step
  bool hessian_modified = false;   ///< B was shifted for that step
  double eta1 = 0;
  double eta2 = 0;
  double delta = 0;
};

struct OptResult {
  OptReason reason = OptReason::MaxIterations;
  int iterations = 0;                  ///< Newton steps taken
  Vector x, lambda;
  double objective = 0;
  double kkt_residual = 0;
  double constraint_norm = 0;
  long long inner_iterations = 0;      ///< sketch steps over the run
  int penalty_updates = 0;
  int hessian_modifications = 0;
  double seconds = 0;
  std::vector<IterationRecord> history;
  std::string message;                 ///< one line on why it stopped, with the number
  bool converged() const { return reason == OptReason::Converged; }
};

/// Runs from the problem's initial point with λ = 0.
OptResult ada_sketch_newton(const ConstrainedProblem& problem, const AdaSketchOptions& options);
OptResult ada_sketch_newton(const ConstrainedProblem& problem, Vector x, Vector lambda,
                            const AdaSketchOptions& options);

}  // namespace las::opt
