// SPDX-License-Identifier: BSD-3-Clause
// An equality-constrained problem  min f(x) subject to c(x) = 0,  x ∈ ℝⁿ, c ∈ ℝᵐ,
// stated through matrix-free products: the large-scale interface (a PDE constraint
// supplies J v, Jᵀ w and (∇²ₓL) v without forming a matrix). Small problems written once
// as templated functions get all of these from Sacado: see sacado_problem.hpp.
//
// Example (a user's large-scale problem; every product takes the current point x):
//
//   class MyProblem final : public las::opt::ConstrainedProblem {
//    public:
//     std::string name() const override { return "mine"; }
//     int variables() const override { return n_; }
//     int constraints() const override { return m_; }
//     Vector initial_point() const override { return Vector(n_, 0.0); }
//     double objective(const Vector& x) const override;
//     void objective_gradient(const Vector& x, Vector& g) const override;
//     void constraint_values(const Vector& x, Vector& c) const override;
//     void jacobian_apply(const Vector& x, const Vector& v, Vector& jv) const override;
//     void jacobian_transpose_apply(const Vector& x, const Vector& w, Vector& jtw) const override;
//     void lagrangian_hessian_apply(const Vector& x, const Vector& lambda, const Vector& v,
//                                   Vector& hv) const override;   // (∇²f + Σ λᵢ∇²cᵢ) v
//   };
#pragma once

#include <string>

#include "solvers/opt/dense_matrix.hpp"

namespace las::opt {

class ConstrainedProblem {
 public:
  virtual ~ConstrainedProblem() = default;

  virtual std::string name() const = 0;
  /// n
  virtual int variables() const = 0;
  /// m
  virtual int constraints() const = 0;
  virtual Vector initial_point() const = 0;

  virtual double objective(const Vector& x) const = 0;
  /// g = ∇f(x), n entries (resized by the callee).
  virtual void objective_gradient(const Vector& x, Vector& g) const = 0;
  /// c = c(x), m entries.
  virtual void constraint_values(const Vector& x, Vector& c) const = 0;
  /// jv = J(x) v with J the m x n constraint Jacobian.
  virtual void jacobian_apply(const Vector& x, const Vector& v, Vector& jv) const = 0;
  /// jtw = J(x)ᵀ w.
  virtual void jacobian_transpose_apply(const Vector& x, const Vector& w, Vector& jtw) const = 0;
  /// hv = ∇²ₓL(x, λ) v, L = f + λᵀc.
  virtual void lagrangian_hessian_apply(const Vector& x, const Vector& lambda, const Vector& v,
                                        Vector& hv) const = 0;
};

/// ∇ₓL = ∇f + Jᵀλ.
Vector lagrangian_gradient(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda);

/// J(x) assembled column by column from n products J eⱼ (small problems only).
DenseMatrix jacobian_matrix(const ConstrainedProblem& problem, const Vector& x);

/// ∇²ₓL(x, λ) assembled from n products and symmetrised (small problems only).
DenseMatrix lagrangian_hessian_matrix(const ConstrainedProblem& problem, const Vector& x,
                                      const Vector& lambda);

}  // namespace las::opt
