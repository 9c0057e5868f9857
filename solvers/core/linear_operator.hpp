// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/core/dist_vector.hpp"

namespace las {

/// A distributed square linear operator y = A x. Implemented by the matrix-free
/// StencilOperator and the assembled DistCsrMatrix; Krylov solvers see only this.
/// The virtual calls are host-side, once per apply, never inside a kernel.
class LinearOperator {
 public:
  virtual ~LinearOperator() = default;
  virtual const Comm& comm() const = 0;
  /// A zero vector with this operator's row distribution.
  virtual DistVector create_vector(const std::string& label = "las::vector") const = 0;
  virtual long long global_rows() const = 0;
  /// y = A x (collective: exchanges ghosts).
  virtual void apply(const DistVector& x, DistVector& y) const = 0;
  /// y = A x and returns the global x·y in the same pass where the operator can fuse it.
  virtual double apply_dot(const DistVector& x, DistVector& y) const {
    apply(x, y);
    return dot(x, y);
  }
  /// d = diag(A).
  virtual void diagonal(DistVector& d) const = 0;
  /// Stored non-zeros or stencil points, for flop counts (global).
  virtual long long global_nonzeros() const = 0;
  /// One line for logs: "matrix-free 7-point stencil, 128x128x128 on 2x1x1 ranks".
  virtual std::string description() const = 0;
};

}  // namespace las
