// SPDX-License-Identifier: BSD-3-Clause
// The physics of 2D incompressible Navier–Stokes in vorticity form on the periodic unit
// square (las::pde::solve_navier_stokes made the data) in the form PI-SC, PI-HC and
// PI-HC-MoE need (Chalapathi, Du, Krishnapriyan, ICLR 2024; reference notes §3.1):
//
//   φ = w_t + u w_x + v w_y − ν Δw,   u = ψ_y, v = −ψ_x, −Δψ = w   (no forcing)
//
// on the data grid: times t_j = j dt, nodes x_i = y_i = i / n. A field is [B, T, n, n]
// indexed (t, y, x), x fastest, as the data sets store it.
//
// Space derivatives are spectral (torch::fft over the periodic square, the Nyquist mode
// dropped from the odd derivatives), the velocity comes from the stream function as the
// authors do; the time derivative is the second-order finite difference of
// finite_differences.hpp along t.
//
// The authors' construction (neptune/models/sequential.py): the basis network's N outputs
// are multiplied by 0.005 t / T and their spatial mean is removed, and the initial
// vorticity is added after the solve, w = w0 + b·ω, so the initial condition holds exactly
// and the mean vorticity is conserved (as the periodic equation conserves it); the
// constraint is the PDE alone (no initial/boundary rows) and the loss the PDE residual
// alone. The features of w at a point are then affine in ω: those of b·ω plus those of w0
// (the layer's offsets). The authors square every residual entry before their
// least-squares solve; las does not (a sum of fourth powers is no least-squares fit of
// the PDE, and its Gauss–Newton matrix vanishes at a zero residual).
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "solvers/moe/models/physics_loss.hpp"

namespace las::moe {

/// The uniform grid of a Navier–Stokes set: T times from 0, n x n periodic nodes i / n.
struct PeriodicGrid {
  int64_t times = 0;  ///< T
  int64_t n = 0;      ///< nodes per direction
  double dt = 0;      ///< t_{j+1} - t_j

  /// From a data set's coordinates; throws las::InputError unless t starts at 0 and is
  /// uniform, x and y are the nodes i / n, T >= 3 and n >= 4 is even.
  static PeriodicGrid from_coordinates(const std::vector<double>& t, const std::vector<double>& x,
                                       const std::vector<double>& y);
  double t_final() const { return dt * static_cast<double>(times - 1); }
};

/// The five space features of a vorticity field w [..., n, n] (float64): velocity (u, v)
/// from the stream function, w_x, w_y and Δw, each [..., n, n].
struct VorticityFeatures {
  torch::Tensor u, v, w_x, w_y, laplacian;
};
VorticityFeatures vorticity_features(const torch::Tensor& w);

/// w_t of w [B, T, n, n] by the second-order difference along t.
torch::Tensor first_derivative_in_time(const torch::Tensor& w, const PeriodicGrid& grid);

/// φ at every grid point of w [B, T, n, n] (float32 or float64, differentiable).
torch::Tensor navier_stokes_residual(const torch::Tensor& w, const PeriodicGrid& grid, double viscosity);

/// The authors' factor on the basis network's output.
constexpr double kNavierStokesBasisScale = 0.005;

/// The authors' basis: raw [B, T, n, n, N] times 0.005 t_j / T, spatial mean removed (so
/// b = 0 at t = 0 and b·ω has zero mean). Differentiable, in raw's dtype.
torch::Tensor navier_stokes_basis(const torch::Tensor& raw, const PeriodicGrid& grid);

/// w = w0 + Σ_n b_n ω_n: basis [B, T, n, n, N], w0 [B, n, n], ω [B, N] -> [B, T, n, n].
torch::Tensor navier_stokes_field(const torch::Tensor& basis, const torch::Tensor& w0, const torch::Tensor& omega);

/// The layer's inputs at the sampled points: samples [K, P] flat indices (t n + y) n + x
/// (sample_expert_points over (t, y, x)); features [B·K, P, 6, N] of the basis functions
/// (w_t, u, v, w_x, w_y, Δw: PointResidualKind::NavierStokesVorticity) and offsets
/// [B·K, P, 6], those of w0 (w0_t = 0). Problem b·K + k is expert k of sample b. Float64,
/// differentiable with respect to the basis.
struct AffinePointFeatures {
  torch::Tensor features, offsets;
};
AffinePointFeatures navier_stokes_point_features(const torch::Tensor& basis, const torch::Tensor& w0,
                                                 const torch::Tensor& samples, const PeriodicGrid& grid);

/// The authors' NS training loss: pde = mean of φ² over t_j, j >= 1 (t = 0 holds w0
/// exactly); initial = boundary = 0 (exact by construction; periodic).
PhysicsLoss navier_stokes_physics_loss(const torch::Tensor& w, const PeriodicGrid& grid, double viscosity);

}  // namespace las::moe
