// SPDX-License-Identifier: BSD-3-Clause
// Second-order finite differences along one axis of a uniform grid, as the authors of
// PI-HC-MoE differentiate basis functions: central in the interior, one-sided second order
// at the first and last points (so every grid point has a derivative of order 2):
//   f'  ≈ (f_{i+1} - f_{i-1}) / 2h,         edges (∓3 f_0 ± 4 f_1 ∓ f_2) / 2h
//   f'' ≈ (f_{i+1} - 2 f_i + f_{i-1}) / h², edges (2 f_0 - 5 f_1 + 4 f_2 - f_3) / h²
#pragma once

#include <cstdint>

#include <torch/torch.h>

namespace las::moe {

/// Derivative along dim `axis` of f (any float dtype), second order everywhere; needs
/// >= 3 points along it.
torch::Tensor first_derivative(const torch::Tensor& f, int64_t axis, double h);
/// Second derivative along dim `axis`, second order everywhere; needs >= 4 points.
torch::Tensor second_derivative(const torch::Tensor& f, int64_t axis, double h);

}  // namespace las::moe
