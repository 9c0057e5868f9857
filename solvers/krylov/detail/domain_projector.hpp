// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/core/linear_operator.hpp"
#include "solvers/krylov/direction_options.hpp"

namespace las::detail {

/// The projector Π of a KrylovDomain: v -> w .* v, then (neumann) minus its component
/// along the normalised inside indicator e = w / sqrt(n_inside), w the mask (or ones).
/// Π is symmetric and idempotent, so Π A Π is SPD on the range when A is SPD on it.
class DomainProjector {
 public:
  /// Collective. Throws InputError for a mask of the wrong size or with entries other
  /// than 0 and 1, or one without inside cells.
  DomainProjector(const LinearOperator& a, const KrylovDomain& domain);

  bool active() const { return masked_ || neumann_; }
  /// v <- Π v (collective when neumann).
  void project(DistVector& v) const;
  /// out <- Π b. Neumann: throws InputError when b's null-space component exceeds the
  /// compatibility tolerance, unless the domain asks to project it away.
  void project_rhs(const DistVector& b, DistVector& out) const;

 private:
  bool masked_ = false;
  bool neumann_ = false;
  double compatibility_tol_ = 0;
  bool project_incompatible_ = false;
  DistVector weight_;  // the mask, or ones when only neumann
  double inside_cells_ = 0;
};

}  // namespace las::detail
