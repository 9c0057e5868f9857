// SPDX-License-Identifier: BSD-3-Clause
// Diffusion–sorption as an MoePhysics (moe_physics.hpp): grid (t, x); the network input of
// network_input.hpp (u0, t, x); PI-SC's field is the network's output; the hard constraint
// is hard_constrained_field (hard_constraint_model.hpp: PDE rows per expert plus the
// global initial/boundary rows); the loss is diffusion_sorption_physics_loss.
#pragma once

#include "solvers/moe/models/diffusion_sorption_constraints.hpp"
#include "solvers/moe/models/moe_physics.hpp"

namespace las::moe {

MoePhysicsPtr make_diffusion_sorption_physics(const SpaceTimeGrid& grid,
                                              const DiffusionSorptionConstraintOptions& constraints);

}  // namespace las::moe
