// SPDX-License-Identifier: BSD-3-Clause
// The physics of diffusion–sorption (las::pde::DiffusionSorptionParams) in the form the
// hard-constraint layer and the training losses need, on the data grid of the reference
// sets: times t_j = j dt, j = 0..T-1, and cell centres x_i = (i + 1/2) dx, i = 0..X-1.
//
// Derivatives are second-order finite differences along the grid (finite_differences.hpp;
// the authors fall back to first order at the edges).
//
// Boundary values: the cell-centred grid has no point on x = 0 or x = 1, so the field is
// extrapolated to the faces by the quadratic through the three nearest cells (value
// (15 f_0 - 10 f_1 + 3 f_2) / 8, slope ∓(2 f_0 - 3 f_1 + f_2) / dx; both second order, exact
// for quadratics). The authors instead use the first and last grid values.
//
// The condition at x = 1: the reference notes and the authors' code write u = D u_x; las's
// finite-volume generator (solvers/pde/diffusion_sorption.hpp, which explains why the
// other sign is ill-posed) and PDEBench's simulator use u = -D u_x. The rows follow the
// data, u + D u_x = 0, unless `authors_outflow_sign` is set.
//
// R(u) uses the guarded power (max(u, 0) + 1e-6)^(n_f - 1), the authors' jnp.where form
// (identical for u > 0) and las::pde::retardation's, so a negative network output gives
// no NaN.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "solvers/moe/models/finite_differences.hpp"
#include "solvers/moe/models/physics_loss.hpp"
#include "solvers/pde/diffusion_sorption.hpp"

namespace las::moe {

/// The uniform space-time grid of a data set (cell-centred in x, t_0 = 0).
struct SpaceTimeGrid {
  int64_t times = 0;  ///< T
  int64_t cells = 0;  ///< X
  double dt = 0;      ///< t_{j+1} - t_j
  double dx = 0;      ///< cell width; x_i = (i + 1/2) dx

  /// T times over [0, t_final], X cells on (0, 1) (las::pde's output grid).
  static SpaceTimeGrid cell_centred(int64_t times, int64_t cells, double t_final);
  /// From a data set's coordinates; throws las::InputError unless t starts at 0, both are
  /// uniform to 1e-9 relative, x_0 = dx / 2, T >= 3 and X >= 4.
  static SpaceTimeGrid from_coordinates(const std::vector<double>& t, const std::vector<double>& x);
  double t_final() const { return dt * static_cast<double>(times - 1); }
};

struct DiffusionSorptionConstraintOptions {
  pde::DiffusionSorptionParams physics;  ///< D, φ, ρ_s, k, n_f and u(0, t) (left_value)
  /// The initial-condition rows are divided by u0 as the authors do, which makes them
  /// relative misfits; with PDEBench's u0 ~ U(0, 0.2) some cells are ~0, and the authors'
  /// division would weight them without bound (or divide by zero). Cells with |u0| below
  /// this floor are divided by the floor instead.
  double initial_scale_floor = 1e-2;
  bool authors_outflow_sign = false;  ///< true: u - D u_x = 0 at x = 1 (see above)
};

/// The point features of every basis function at the sampled points: basis [B, T, X, N]
/// (float64), samples [K, P] flat indices t * X + x (sample_expert_points). Returns
/// [B·K, P, 3, N] float64, problem b·K + k = expert k of sample b, features (u, u_t, u_xx):
/// the layout of las::moe::hard_constraint_solve with PointResidualKind::DiffusionSorption.
torch::Tensor diffusion_sorption_point_features(const torch::Tensor& basis, const torch::Tensor& samples,
                                                const SpaceTimeGrid& grid);

/// Linear rows A ω = y of the initial and boundary conditions, weight 1 (the authors').
struct LinearRows {
  torch::Tensor rows;     ///< [B, Q, N]
  torch::Tensor targets;  ///< [B, Q]
};

/// Q = X + 2 (T - 1) rows from basis [B, T, X, N] and u0 [B, X]: X initial rows
/// (basis(t = 0, x_i) - u0_i) / max(|u0_i|, floor), then per time j >= 1 (the authors' u[1:])
/// u(0, t_j) = left_value and u(1, t_j) ± D u_x(1, t_j) = 0 (see the header comment). In
/// basis's dtype; differentiable with respect to basis.
LinearRows diffusion_sorption_linear_rows(const torch::Tensor& basis, const torch::Tensor& u0,
                                          const SpaceTimeGrid& grid, const DiffusionSorptionConstraintOptions& options);

/// The rows for every expert of every sample: [B·K, Q, N] and [B·K, Q] (problem b·K + k),
/// each expert receiving the global rows as the authors do for diffusion–sorption.
LinearRows replicate_for_experts(const LinearRows& rows, int64_t experts);

/// R(u) with the guarded power, elementwise, in u's dtype.
torch::Tensor retardation(const torch::Tensor& u, const pde::DiffusionSorptionParams& physics);

/// The PDE residual u_t - D u_xx / R(u) of a field u [B, T, X] at every grid point
/// (float32 or float64, differentiable), with the same finite differences.
torch::Tensor diffusion_sorption_residual(const torch::Tensor& u, const SpaceTimeGrid& grid,
                                          const pde::DiffusionSorptionParams& physics);

/// The physics-informed loss of a field (no interior data), the authors' DS training loss
/// with weights 1: pde = mean of residual² over t_j, j >= 1; initial and boundary = mean
/// of the squared misfits of the rows of diffusion_sorption_linear_rows (applied to u).
PhysicsLoss diffusion_sorption_physics_loss(const torch::Tensor& u, const torch::Tensor& u0, const SpaceTimeGrid& grid,
                                            const DiffusionSorptionConstraintOptions& options);

}  // namespace las::moe
