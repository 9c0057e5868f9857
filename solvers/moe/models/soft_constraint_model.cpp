// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/soft_constraint_model.hpp"

#include <string>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/network_input.hpp"

namespace las::moe {

SoftConstraintModelImpl::SoftConstraintModelImpl(const FnoOptions& network) {
  if (network.out_channels != 1)
    throw ConfigError("fno.out_channels must be 1 for the soft-constraint model, got " +
                      std::to_string(network.out_channels));
  network_ = register_module("network", Fno(network));
}

torch::Tensor SoftConstraintModelImpl::forward(const torch::Tensor& u0, const SpaceTimeGrid& grid) {
  return network_(diffusion_sorption_network_input(u0, grid)).squeeze(-1);
}

PhysicsLoss SoftConstraintModelImpl::loss(const torch::Tensor& u0, const SpaceTimeGrid& grid,
                                          const DiffusionSorptionConstraintOptions& constraints) {
  return diffusion_sorption_physics_loss(forward(u0, grid), u0, grid, constraints);
}

}  // namespace las::moe
