// SPDX-License-Identifier: BSD-3-Clause
// Data-parallel training over MPI ranks: every rank holds the whole network, evaluates
// its share of each batch, and the gradients are summed over ranks before the optimiser
// step, so every rank takes the same step and the weights stay identical.
#pragma once

#include <vector>

#include <torch/torch.h>

#include "solvers/core/comm.hpp"

namespace las::training {

/// Sums every parameter's gradient over the ranks of `comm` (one MPI_Allreduce on a
/// float64 buffer, so the sum does not lose bits to float32 before it is rounded back).
/// A parameter without a gradient on this rank (its share of the batch was empty)
/// contributes zeros. Collective.
void allreduce_gradients(const Comm& comm, const std::vector<torch::Tensor>& parameters);

}  // namespace las::training
