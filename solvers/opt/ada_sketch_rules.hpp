// SPDX-License-Identifier: BSD-3-Clause
// The scalar rules of one AdaSketch-Newton step, shared by the dense small-problem loop
// (ada_sketch_newton.cpp) and the distributed large-scale loop
// (distributed/grid_ada_sketch.cpp), which differ only in how vectors, products and
// spectra are obtained: the accuracy test's scales, δ's update, the descent test, the
// penalty update and the Armijo backtracking (the steps are listed in ada_sketch_newton.hpp).
#pragma once

#include <functional>
#include <string>

#include "solvers/opt/ada_sketch_newton.hpp"

namespace las::opt {

/// The spectral quantities of the accuracy test, fixed for one Newton step.
struct StepScales {
  double kkt_norm = 0;  ///< ‖K‖
  double psi = 0;       ///< ψ = 20 max(‖B‖², 1) / (min(ξ_G, 1) min(ξ_B, 1))
  double upsilon = 0;   ///< Υ = max(‖J‖, ‖∇²ₓL‖, 1)
};

StepScales step_scales(double kkt_norm, double b_norm, double xi_g, double jacobian_norm, double hessian_norm,
                       double xi_b);

/// δ_trial = (1/2 − β) η₂ / ((1 + η₁ + η₂) Υ² ψ²)
double delta_trial(const StepScales& s, const Penalties& eta, double beta);

/// δ ← max(min(δ, δ_trial), δ_floor) at the start of a step.
double step_delta(double delta, const StepScales& s, const Penalties& eta, const AdaSketchOptions& o);

/// The inner solver's residual tolerance: ‖K‖ ψ ‖r‖ <= θ δ ‖∇L‖.
double inner_tolerance(const StepScales& s, double delta, double kkt, const AdaSketchOptions& o);

/// ∇𝓛_ηᵀΔ <= −(η₂/2)‖∇L‖², or the penalties are past their safeguards (accept anyway).
bool accept_direction(double slope, double kkt, const Penalties& eta, const AdaSketchOptions& o);

/// η₁ ← ν²η₁, η₂ ← η₂/ν, δ ← max(min(δ/ν⁴, δ_trial), δ_floor).
void grow_penalties(Penalties& eta, double& delta, const StepScales& s, const AdaSketchOptions& o);

struct ArmijoResult {
  bool accepted = false;
  double alpha = 1.0;           ///< the accepted step length
  bool last_trial_nan = false;  ///< the last rejected trial's merit was NaN
};

/// α = 1, halved (at most max_backtracks trials) until merit_at(α) <= merit0 + αβ·slope.
ArmijoResult armijo_backtrack(double merit0, double slope, const AdaSketchOptions& o,
                              const std::function<double(double)>& merit_at);

/// "converged after 4 iterations, KKT residual 1e-07" (+ the detail for the reasons that
/// carry one).
std::string stop_message(OptReason reason, int iterations, double kkt, double detail);

}  // namespace las::opt
