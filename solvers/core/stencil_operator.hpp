// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <functional>
#include <memory>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/halo_exchange.hpp"
#include "solvers/core/linear_operator.hpp"

namespace las {

/// Coefficient κ at a global grid node (i, j, k); may be asked for nodes one step
/// outside the grid (it should then return the nearest boundary node's value).
using NodeCoefficient = std::function<double(long long, long long, long long)>;

/// The matrix-free operator -∇·(κ∇u) + σu on the unit square/cube, homogeneous
/// Dirichlet boundaries, discretised with the 5/7-point stencil on the grid's nodes
/// (node (i,j,k) at ((i+1)hx, (j+1)hy, (k+1)hz), h = 1/(n+1) per axis). A face between
/// two nodes carries the harmonic mean of their κ (exact for layered media).
class StencilOperator final : public LinearOperator {
 public:
  /// Constant κ.
  StencilOperator(const BoxGrid& grid, double kappa, double shift = 0.0);
  /// Variable κ, evaluated on the host once at construction.
  StencilOperator(const BoxGrid& grid, const NodeCoefficient& kappa, double shift = 0.0);

  const Comm& comm() const override { return grid_->comm(); }
  const BoxGrid& grid() const { return *grid_; }
  DistVector create_vector(const std::string& label = "las::vector") const override;
  long long global_rows() const override { return grid_->global_cells(); }
  void apply(const DistVector& x, DistVector& y) const override;
  double apply_dot(const DistVector& x, DistVector& y) const override;
  void diagonal(DistVector& d) const override;
  long long global_nonzeros() const override;
  std::string description() const override;
  const kernels::StencilCoefficients& coefficients() const { return coef_; }
  /// Grid spacing along axis a.
  double spacing(int axis) const;

 private:
  double apply_impl(const DistVector& x, DistVector& y, bool want_dot) const;
  const BoxGrid* grid_;
  kernels::StencilCoefficients coef_;
  std::unique_ptr<HaloExchange> halo_;  // mutable scratch: apply() is logically const
};

}  // namespace las
