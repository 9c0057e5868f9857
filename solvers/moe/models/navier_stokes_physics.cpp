// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/navier_stokes_physics.hpp"

#include "solvers/core/error.hpp"
#include "solvers/moe/models/expert_partition.hpp"
#include "solvers/moe/torch/hard_constraint_layer.hpp"

namespace las::moe {
namespace {

class NavierStokesPhysics final : public MoePhysics {
 public:
  NavierStokesPhysics(const PeriodicGrid& grid, double viscosity) : grid_(grid), viscosity_(viscosity) {}
  std::string name() const override { return "navier_stokes"; }
  std::vector<int64_t> grid_shape() const override { return {grid_.times, grid_.n, grid_.n}; }
  std::vector<std::string> axis_names() const override { return {"t", "y", "x"}; }
  std::vector<double> coordinates(int axis) const override {
    std::vector<double> c(static_cast<std::size_t>(axis == 0 ? grid_.times : grid_.n));
    for (std::size_t i = 0; i < c.size(); ++i)
      c[i] = static_cast<double>(i) * (axis == 0 ? grid_.dt : 1.0 / static_cast<double>(grid_.n));
    return c;
  }
  int input_channels() const override { return 4; }
  torch::Tensor network_input(const torch::Tensor& initial) const override {
    return navier_stokes_network_input(initial, grid_);
  }
  torch::Tensor soft_field(const torch::Tensor& output, const torch::Tensor& initial) const override {
    // The same construction without the basis scale: no LM coefficient rescales this output.
    const torch::Tensor increment =
        navier_stokes_basis(output.to(torch::kFloat64), grid_).squeeze(-1) / kNavierStokesBasisScale;
    return initial.to(torch::kFloat64).unsqueeze(1) + increment;
  }
  HardConstraintResult hard_field(const torch::Tensor& output, const torch::Tensor& initial,
                                  const HardConstraintSettings& settings, std::uint64_t seed) const override {
    const torch::Tensor basis = navier_stokes_basis(output.to(torch::kFloat64), grid_);
    const torch::Tensor w0 = initial.to(torch::kFloat64);
    const ExpertPartition partition(grid_shape(), settings.split);
    HardConstraintResult result;
    // t = 0 holds w0 exactly by construction; its one-sided time difference is no row.
    result.samples = sample_expert_points(partition, settings.points_per_expert, seed, {1, 0, 0});
    const AffinePointFeatures points = navier_stokes_point_features(basis, w0, result.samples, grid_);
    const int64_t problems = points.features.size(0), n = basis.size(-1);
    const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
    PointResidual residual;
    residual.kind = PointResidualKind::NavierStokesVorticity;
    residual.pde_weight = settings.pde_weight;
    residual.viscosity = viscosity_;
    const torch::Tensor omega =
        hard_constraint_solve(points.features, points.offsets, torch::zeros({problems, 0, n}, f64),
                              torch::zeros({problems, 0}, f64), residual, settings.lm, &result.lm);
    result.coefficients = omega.reshape({basis.size(0), partition.experts(), n});
    result.u = w0.unsqueeze(1) + combine_expert_expansions(basis, result.coefficients, partition);
    return result;
  }
  PhysicsLoss loss(const torch::Tensor& u, const torch::Tensor&) const override {
    return navier_stokes_physics_loss(u, grid_, viscosity_);
  }

 private:
  PeriodicGrid grid_;
  double viscosity_;
};

}  // namespace

torch::Tensor navier_stokes_network_input(const torch::Tensor& w0, const PeriodicGrid& grid) {
  LAS_CHECK(w0.dim() == 3 && w0.size(1) == grid.n && w0.size(2) == grid.n,
            "navier_stokes_network_input: w0 must be [B, " << grid.n << ", " << grid.n << "], got " << w0.sizes());
  const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
  const std::vector<int64_t> shape = {w0.size(0), grid.times, grid.n, grid.n};
  const torch::Tensor t = torch::arange(grid.times, f32) / static_cast<double>(grid.times - 1);
  const torch::Tensor c = torch::arange(grid.n, f32) / static_cast<double>(grid.n);
  return torch::stack({w0.to(torch::kFloat32).unsqueeze(1).expand(shape), t.view({1, -1, 1, 1}).expand(shape),
                       c.view({1, 1, -1, 1}).expand(shape), c.view({1, 1, 1, -1}).expand(shape)},
                      4);
}

MoePhysicsPtr make_navier_stokes_physics(const PeriodicGrid& grid, double viscosity) {
  return std::make_shared<NavierStokesPhysics>(grid, viscosity);
}

}  // namespace las::moe
