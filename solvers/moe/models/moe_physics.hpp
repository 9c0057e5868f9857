// SPDX-License-Identifier: BSD-3-Clause
// What a PDE contributes to PI-SC, PI-HC and PI-HC-MoE (Chalapathi, Du, Krishnapriyan, ICLR
// 2024), so that one trainer serves every equation: the network's input, how the network's
// output becomes a field (directly for PI-SC; through the per-expert hard-constraint layer
// for PI-HC and PI-HC-MoE), and the physics-informed training loss. Fields are
// [B, T, spatial...] on the data grid, time first; initial conditions [B, spatial...].
//
// Implementations: diffusion–sorption (1D, grid (t, x); diffusion_sorption_physics.hpp)
// and 2D Navier–Stokes in vorticity form (grid (t, y, x); navier_stokes_physics.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "solvers/moe/models/physics_loss.hpp"
#include "solvers/moe/torch/hard_constraint_options.hpp"

namespace las::moe {

/// How the hard constraint is split and solved.
struct HardConstraintSettings {
  std::vector<int64_t> split;      ///< parts per grid axis, time first; all ones is PI-HC
  int64_t points_per_expert = 500; ///< P sampled PDE points per expert
  double pde_weight = 1.0;         ///< weight of the PDE rows in the LM objective
  LmOptions lm;
};

/// What one constrained forward pass produced.
struct HardConstraintResult {
  torch::Tensor u;             ///< [B, grid...] float64, the reassembled constrained field
  torch::Tensor coefficients;  ///< ω [B, K, N] float64
  torch::Tensor samples;       ///< [K, P] int64, the sampled points (flat row-major grid indices)
  LmSummary lm;                ///< the LM solve's statistics (failures named there)
};

class MoePhysics {
 public:
  virtual ~MoePhysics() = default;
  /// "diffusion_sorption" or "navier_stokes" (the data sets' `pde` attribute).
  virtual std::string name() const = 0;
  /// Points per grid axis, time first: {T, X} or {T, n, n}.
  virtual std::vector<int64_t> grid_shape() const = 0;
  /// The axes' names, for messages and checkpoints: {"t", "x"} or {"t", "y", "x"}.
  virtual std::vector<std::string> axis_names() const = 0;
  /// The grid's coordinates along one axis (times in s; positions in the unit interval).
  virtual std::vector<double> coordinates(int axis) const = 0;
  /// Channels of network_input().
  virtual int input_channels() const = 0;
  /// initial [B, spatial...] -> the network input [B, grid..., C] float32.
  virtual torch::Tensor network_input(const torch::Tensor& initial) const = 0;
  /// PI-SC: the field [B, grid...] from the network's one output channel [B, grid..., 1].
  virtual torch::Tensor soft_field(const torch::Tensor& output, const torch::Tensor& initial) const = 0;
  /// PI-HC(-MoE): the constrained field from the network's N outputs [B, grid..., N]
  /// (float32; the layer works in float64). `seed` picks the sampled points.
  virtual HardConstraintResult hard_field(const torch::Tensor& output, const torch::Tensor& initial,
                                          const HardConstraintSettings& settings, std::uint64_t seed) const = 0;
  /// The training loss terms of a field (pde unweighted; the trainer weights it).
  virtual PhysicsLoss loss(const torch::Tensor& u, const torch::Tensor& initial) const = 0;
};

using MoePhysicsPtr = std::shared_ptr<const MoePhysics>;

}  // namespace las::moe
