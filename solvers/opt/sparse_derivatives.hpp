// SPDX-License-Identifier: BSD-3-Clause
// Sparse derivatives of a ConstrainedProblem, for a solver that wants assembled matrices
// (the IPOPT anchor) on a problem too large for the dense n x m Jacobian and n x n
// Hessian that jacobian_matrix / lagrangian_hessian_matrix assemble from products. A
// problem offers them by also deriving from SparseDerivatives; the anchor looks for it
// with dynamic_cast and falls back to the dense products otherwise.
#pragma once

#include <vector>

#include "solvers/opt/dense_matrix.hpp"

namespace las::opt {

/// Nonzeros of a sparse matrix as (row, column, value) triplets, 0-based.
struct SparseTriplets {
  std::vector<int> rows, cols;
  Vector values;
  std::size_t size() const { return values.size(); }
  void add(int row, int col, double value) {
    rows.push_back(row);
    cols.push_back(col);
    values.push_back(value);
  }
};

class SparseDerivatives {
 public:
  virtual ~SparseDerivatives() = default;
  /// J(x); the pattern (rows, cols and their order) must not depend on x.
  virtual SparseTriplets jacobian_triplets(const Vector& x) const = 0;
  /// The lower triangle (row >= col) of ∇²(σ f + λᵀc) at x; the pattern must not depend
  /// on x, σ or λ.
  virtual SparseTriplets lagrangian_hessian_triplets(const Vector& x, double objective_factor,
                                                     const Vector& lambda) const = 0;
  /// True for a quadratic objective with linear constraints: J and ∇²(σf + λᵀc)/σ do not
  /// depend on x (IPOPT's jac_c_constant and hessian_constant).
  virtual bool quadratic_program() const { return false; }
};

}  // namespace las::opt
