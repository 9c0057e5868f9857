// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/diffusion_sorption_physics.hpp"

#include "solvers/moe/models/hard_constraint_model.hpp"
#include "solvers/moe/models/network_input.hpp"

namespace las::moe {
namespace {

class DiffusionSorptionPhysics final : public MoePhysics {
 public:
  DiffusionSorptionPhysics(const SpaceTimeGrid& grid, const DiffusionSorptionConstraintOptions& constraints)
      : grid_(grid), constraints_(constraints) {}
  std::string name() const override { return "diffusion_sorption"; }
  std::vector<int64_t> grid_shape() const override { return {grid_.times, grid_.cells}; }
  std::vector<std::string> axis_names() const override { return {"t", "x"}; }
  std::vector<double> coordinates(int axis) const override {
    std::vector<double> c(static_cast<std::size_t>(axis == 0 ? grid_.times : grid_.cells));
    for (std::size_t i = 0; i < c.size(); ++i)
      c[i] = axis == 0 ? static_cast<double>(i) * grid_.dt : (static_cast<double>(i) + 0.5) * grid_.dx;
    return c;
  }
  int input_channels() const override { return 3; }
  torch::Tensor network_input(const torch::Tensor& initial) const override {
    return diffusion_sorption_network_input(initial, grid_);
  }
  torch::Tensor soft_field(const torch::Tensor& output, const torch::Tensor&) const override {
    return output.squeeze(-1);
  }
  HardConstraintResult hard_field(const torch::Tensor& output, const torch::Tensor& initial,
                                  const HardConstraintSettings& settings, std::uint64_t seed) const override {
    HardConstraintOptions o;
    o.split = settings.split;
    o.points_per_expert = settings.points_per_expert;
    o.constraints = constraints_;
    o.pde_weight = settings.pde_weight;
    o.lm = settings.lm;
    return hard_constrained_field(output.to(torch::kFloat64), initial, grid_, o, seed);
  }
  PhysicsLoss loss(const torch::Tensor& u, const torch::Tensor& initial) const override {
    return diffusion_sorption_physics_loss(u, initial, grid_, constraints_);
  }

 private:
  SpaceTimeGrid grid_;
  DiffusionSorptionConstraintOptions constraints_;
};

}  // namespace

MoePhysicsPtr make_diffusion_sorption_physics(const SpaceTimeGrid& grid,
                                              const DiffusionSorptionConstraintOptions& constraints) {
  return std::make_shared<DiffusionSorptionPhysics>(grid, constraints);
}

}  // namespace las::moe
