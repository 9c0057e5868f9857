// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/krylov/preconditioner.hpp"
#include "solvers/relaxation/sor_sweeper.hpp"

namespace las {

/// SSOR preconditioner z = M⁻¹ r, M = (D+ωL)ᵀ D⁻¹ (D+ωL) / (ω(2-ω)) as in MATLAB's
/// ssor_pcg.m (L the strict lower part in the chosen ordering): one backward then one
/// forward sweep from z = 0. SPD for 0 < ω < 2 and SPD A, so it drives solve_pcg.
/// Lexicographic/Multicolor are block-Jacobi across ranks (M is then the block-diagonal
/// SSOR, still SPD); RedBlack is the same M at every rank count.
/// Keeps a reference to the operator.
class SsorPreconditioner final : public Preconditioner {
 public:
  /// Throws ConfigError for ω outside (0, 2) or an ordering the operator lacks.
  SsorPreconditioner(const LinearOperator& a, double omega,
                     SorOrdering ordering = SorOrdering::Lexicographic);
  void apply(const DistVector& r, DistVector& z) const override;
  /// "ssor(omega=1.5, red-black)".
  std::string name() const override;
  double omega() const { return omega_; }
  /// Changes ω without redoing the setup (a bandit picks ω per solve). ConfigError if bad.
  void set_omega(double omega);

 private:
  SorSweeper sweeper_;
  double omega_;
};

}  // namespace las
