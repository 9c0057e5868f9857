// SPDX-License-Identifier: BSD-3-Clause
// PI-SC, the soft-constraint baseline of PI-HC-MoE: the FNO maps the network input
// (network_input.hpp) straight to the solution u, and training minimises the physics loss
// (diffusion_sorption_physics_loss: PDE residual + initial + boundary misfits, weights 1,
// no interior data, as the authors).
#pragma once

#include <torch/torch.h>

#include "solvers/moe/models/diffusion_sorption_constraints.hpp"
#include "solvers/moe/models/fno.hpp"

namespace las::moe {

class SoftConstraintModelImpl : public torch::nn::Module {
 public:
  /// `network` with out_channels = 1 (las::ConfigError otherwise).
  explicit SoftConstraintModelImpl(const FnoOptions& network);
  /// u0 [B, X] -> u [B, T, X] float32.
  torch::Tensor forward(const torch::Tensor& u0, const SpaceTimeGrid& grid);
  /// The training loss of the field forward() returns.
  PhysicsLoss loss(const torch::Tensor& u0, const SpaceTimeGrid& grid,
                   const DiffusionSorptionConstraintOptions& constraints);
  Fno& network() { return network_; }

 private:
  Fno network_{nullptr};
};
TORCH_MODULE(SoftConstraintModel);

}  // namespace las::moe
