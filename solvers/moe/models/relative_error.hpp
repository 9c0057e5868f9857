// SPDX-License-Identifier: BSD-3-Clause
// The error metric of the paper's tables: the relative L2 error of a predicted trajectory
// against the reference, ‖u - u_ref‖₂ / ‖u_ref‖₂ over the whole space-time grid.
#pragma once

#include <torch/torch.h>

namespace las::moe {

/// prediction and reference [B, ...] of the same shape -> [B] float64, one error per sample.
/// Throws las::Error on a shape mismatch or a zero reference.
torch::Tensor relative_l2_error(const torch::Tensor& prediction, const torch::Tensor& reference);

}  // namespace las::moe
