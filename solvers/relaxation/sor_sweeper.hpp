// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>
#include <string>

#include "solvers/core/linear_operator.hpp"

namespace las {

/// The order in which an SOR sweep visits the unknowns.
///  - Lexicographic: row order within each rank; across ranks block-Jacobi (the other
///    ranks' values are those at the start of the sweep), as PETSc's PCSOR. At one
///    rank this is MATLAB's sor.m, the "Learning to Relax" reference.
///  - RedBlack (stencil operators): colour = parity of the global i+j+k; a true
///    parallel SOR, independent of the rank count, for which Young's optimal ω holds.
///  - Multicolor (CSR matrices): greedy colouring of each rank's diagonal block, one
///    parallel step per colour; across ranks block-Jacobi, like Lexicographic.
enum class SorOrdering { Lexicographic, RedBlack, Multicolor };

/// "lexicographic", "red-black", "multicolor".
std::string to_string(SorOrdering ordering);

namespace detail {
class SweeperImpl;
}

/// The SOR sweeps of one operator in one ordering, with their scratch (halo buffers,
/// colouring) set up once. Built from a StencilOperator (Lexicographic, RedBlack) or a
/// DistCsrMatrix (Lexicographic, Multicolor); anything else throws ConfigError naming
/// the ordering and the operator. Keeps a reference to the operator.
class SorSweeper {
 public:
  SorSweeper(const LinearOperator& a, SorOrdering ordering);
  ~SorSweeper();
  SorSweeper(SorSweeper&&) noexcept;

  /// One forward sweep, in place: x <- x + M⁻¹ (b - A x) with M = D/ω + L, L the strict
  /// lower part of A in this ordering (minus the couplings block-Jacobi drops).
  /// Collective (exchanges ghosts of x).
  void sweep(const DistVector& b, DistVector& x, double omega) const;
  /// z = M⁻¹ r with the SSOR matrix M = (D+ωL)ᵀ D⁻¹ (D+ωL) / (ω(2-ω)) of MATLAB's
  /// ssor_pcg.m: a backward sweep then a forward sweep, from z = 0. SPD for 0 < ω < 2
  /// when A is SPD with a positive diagonal. Collective.
  void symmetric_from_zero(const DistVector& r, DistVector& z, double omega) const;

  /// ||b - A x|| (collective). The stencil fuses it into one pass over x and b (no
  /// temporary A x); the CSR matrix applies A into scratch.
  double residual_norm(const DistVector& b, const DistVector& x) const;

  SorOrdering ordering() const { return ordering_; }

 private:
  SorOrdering ordering_;
  std::unique_ptr<detail::SweeperImpl> impl_;
};

/// Throws ConfigError unless 0 < ω < 2 (where SOR converges for SPD A and SSOR is SPD).
void check_omega(double omega, const std::string& who);

}  // namespace las
