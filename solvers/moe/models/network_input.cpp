// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/network_input.hpp"

#include "solvers/core/error.hpp"

namespace las::moe {

torch::Tensor diffusion_sorption_network_input(const torch::Tensor& u0, const SpaceTimeGrid& grid) {
  LAS_CHECK(u0.dim() == 2 && u0.size(1) == grid.cells,
            "diffusion_sorption_network_input: u0 must be [B, " << grid.cells << "], got " << u0.sizes());
  const int64_t batch = u0.size(0);
  const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
  const torch::Tensor t = torch::arange(grid.times, f32) / static_cast<double>(grid.times - 1);
  const torch::Tensor x = (torch::arange(grid.cells, f32) + 0.5) / (static_cast<double>(grid.cells) - 0.5);
  const std::vector<int64_t> shape = {batch, grid.times, grid.cells};
  return torch::stack({u0.to(torch::kFloat32).unsqueeze(1).expand(shape), t.view({1, -1, 1}).expand(shape),
                       x.view({1, 1, -1}).expand(shape)},
                      3);
}

}  // namespace las::moe
