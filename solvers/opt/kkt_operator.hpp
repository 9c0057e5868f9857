// SPDX-License-Identifier: BSD-3-Clause
// The Newton (KKT) matrix of min f s.t. c = 0 at (x, λ),
//     K = [[∇²ₓL + σI, Jᵀ], [J, 0]]   (σ >= 0: the Hessian modification's shift),
// matrix-free from the problem's products, for the sketching solvers: a product costs one
// Hessian-of-Lagrangian product, one J v and one Jᵀ w; a row is a product with eᵢ. This is
// the large-scale path (a PDE constraint); small problems may assemble K densely instead
// (ada_sketch_newton does, for the spectra its accuracy test needs).
#pragma once

#include "solvers/opt/problem.hpp"
#include "solvers/opt/sketch_solver.hpp"

namespace las::opt {

class KktOperator final : public SymmetricOperator {
 public:
  /// Keeps a reference to `problem`, which must outlive the operator.
  KktOperator(const ConstrainedProblem& problem, Vector x, Vector lambda, double shift = 0.0);

  int size() const override { return n_ + m_; }
  /// out = K v, v = (v_x, v_λ) stacked.
  void apply(const Vector& v, Vector& out) const override;

 private:
  const ConstrainedProblem& problem_;
  Vector x_, lambda_;
  double shift_;
  int n_, m_;
  mutable Vector vx_, vl_, hv_, jtw_, jv_;  // apply()'s work vectors
};

}  // namespace las::opt
