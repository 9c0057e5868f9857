// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <vector>

#include "solvers/core/linear_operator.hpp"

namespace las::detail {

/// The last `capacity` search directions p_j with A p_j and p_jᵀA p_j, in a ring
/// buffer. Storing A p_j lets a new direction be A-orthogonalised with dots and axpys
/// only, no operator apply. Vectors are allocated on first use, so a large capacity
/// ("keep everything") costs memory only for the directions actually taken.
class DirectionBuffer {
 public:
  DirectionBuffer(const LinearOperator& a, int capacity);

  int size() const { return size_; }
  int capacity() const { return capacity_; }

  /// q <- q - Σ_j (qᵀAp_j / p_jᵀAp_j) p_j, oldest first, each coefficient from the
  /// already-updated q (modified Gram–Schmidt: one all-reduce per kept direction, but
  /// robust when the kept directions have lost some mutual A-orthogonality).
  void orthogonalize_modified(DistVector& q) const;
  /// The same projection with every coefficient from the incoming q (classical
  /// Gram–Schmidt, Notay's FCG): one all-reduce for all of them.
  void orthogonalize_classical(DistVector& q) const;

  /// Keeps (p, ap, pap), evicting the oldest when full. p and ap are swapped with the
  /// slot's storage: on return they hold scratch vectors of the same layout (contents
  /// unspecified), so no copy is made. With capacity 0 nothing happens.
  void push(DistVector& p, DistVector& ap, double pap);

 private:
  int slot(int j) const;  // storage index of the j-th kept direction, oldest = 0
  const LinearOperator* a_;
  int capacity_;
  int size_ = 0;
  int head_ = 0;  // next slot to write
  std::vector<DistVector> p_, ap_;
  std::vector<double> pap_;
};

}  // namespace las::detail
