// SPDX-License-Identifier: BSD-3-Clause
// The terms of a physics-informed training loss (no interior data), as the models report
// them: the mean squared PDE residual and the initial- and boundary-condition misfits.
#pragma once

#include <torch/torch.h>

namespace las::moe {

struct PhysicsLoss {
  torch::Tensor total, pde, initial, boundary;  ///< scalars in the field's dtype
};

}  // namespace las::moe
