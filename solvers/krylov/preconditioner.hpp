// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/core/dist_vector.hpp"

namespace las {

/// z = M⁻¹ r for a preconditioner M of a LinearOperator (SSOR, a learned network, ...).
/// Krylov solvers call it once per iteration; the virtual call is host-side.
class Preconditioner {
 public:
  virtual ~Preconditioner() = default;
  /// z = M⁻¹ r. r and z have the operator's row distribution and never alias.
  /// Collective over the operator's communicator.
  virtual void apply(const DistVector& r, DistVector& z) const = 0;
  /// Short name for reports: "ssor(omega=1.5)".
  virtual std::string name() const = 0;
  /// True when M is symmetric positive definite (CG's requirement; flexible CG otherwise).
  virtual bool symmetric() const { return true; }
};

}  // namespace las
