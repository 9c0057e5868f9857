// SPDX-License-Identifier: BSD-3-Clause
// The input of the diffusion–sorption networks (the paper's App. B, 3 channels): the
// initial condition broadcast over t, then the coordinates normalised as the authors do
// (t / t_max, x / x_max).
#pragma once

#include <torch/torch.h>

#include "solvers/moe/models/diffusion_sorption_constraints.hpp"

namespace las::moe {

/// u0 [B, X] (any float dtype) -> [B, T, X, 3] float32: (u0(x), t / t_max, x / x_max).
/// Throws las::Error when u0 is not [B, grid.cells].
torch::Tensor diffusion_sorption_network_input(const torch::Tensor& u0, const SpaceTimeGrid& grid);

}  // namespace las::moe
