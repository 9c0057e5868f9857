// SPDX-License-Identifier: BSD-3-Clause
// AdaSketch's merit function, the exact augmented Lagrangian
//   𝓛_η(x, λ) = L + (η₁/2)‖c‖² + (η₂/2)‖∇ₓL‖²,   L = f + λᵀc,
// with gradient
//   ∇ₓ𝓛 = ∇ₓL + η₂ H ∇ₓL + η₁ Jᵀc,   ∇_λ𝓛 = c + η₂ J ∇ₓL,   H = ∇²ₓL.
// The authors' Julia code uses H = ∇²f instead (reference notes §2.1): right only for
// linear constraints. MeritHessian::Objective reproduces it, for comparison only.
#pragma once

#include "solvers/opt/problem.hpp"

namespace las::opt {

enum class MeritHessian {
  Lagrangian,  ///< ∇²ₓL: the true gradient of 𝓛_η
  Objective,   ///< ∇²f: the authors' code (wrong for nonlinear constraints)
};

struct Penalties {
  double eta1 = 1.0;  ///< weight of ‖c‖²
  double eta2 = 0.1;  ///< weight of ‖∇ₓL‖²
};

/// 𝓛_η(x, λ); NaN when f, c or ∇ₓL is not finite there.
double merit_value(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda,
                   const Penalties& eta);

/// (∇ₓ𝓛, ∇_λ𝓛) stacked in one vector of n + m entries.
Vector merit_gradient(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda,
                      const Penalties& eta, MeritHessian hessian = MeritHessian::Lagrangian);

}  // namespace las::opt
