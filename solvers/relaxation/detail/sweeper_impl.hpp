// SPDX-License-Identifier: BSD-3-Clause
// The per-operator halves of SorSweeper (internal to las::relaxation).
#pragma once

#include <memory>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/relaxation/sor_sweeper.hpp"

namespace las::detail {

/// Host-side dispatch only: the virtual calls happen once per sweep, never in a kernel.
class SweeperImpl {
 public:
  virtual ~SweeperImpl() = default;
  virtual void sweep(const DistVector& b, DistVector& x, double omega) const = 0;
  virtual void symmetric_from_zero(const DistVector& r, DistVector& z, double omega) const = 0;
  /// Local ||b - A x||² (the caller sums over ranks).
  virtual double local_residual_norm2(const DistVector& b, const DistVector& x) const = 0;
};

/// ordering is Lexicographic or RedBlack (checked by the caller).
std::unique_ptr<SweeperImpl> make_stencil_sweeper(const StencilOperator& a, SorOrdering ordering);
/// ordering is Lexicographic or Multicolor (checked by the caller).
std::unique_ptr<SweeperImpl> make_csr_sweeper(const DistCsrMatrix& a, SorOrdering ordering);

}  // namespace las::detail
