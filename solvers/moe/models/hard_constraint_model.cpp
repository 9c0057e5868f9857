// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/hard_constraint_model.hpp"

#include <string>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/expert_partition.hpp"
#include "solvers/moe/models/network_input.hpp"

namespace las::moe {

PointResidual diffusion_sorption_point_residual(const pde::DiffusionSorptionParams& physics, double pde_weight) {
  PointResidual r;
  r.kind = PointResidualKind::DiffusionSorption;
  r.pde_weight = pde_weight;
  r.diffusion = physics.diffusivity;
  r.porosity = physics.porosity;
  r.bulk_density = physics.bulk_density;
  r.freundlich_k = physics.freundlich_k;
  r.freundlich_n = physics.freundlich_n;
  return r;
}

HardConstraintResult hard_constrained_field(const torch::Tensor& basis, const torch::Tensor& u0,
                                            const SpaceTimeGrid& grid, const HardConstraintOptions& options,
                                            std::uint64_t seed) {
  const ExpertPartition partition({grid.times, grid.cells}, options.split);
  const int64_t experts = partition.experts();
  HardConstraintResult result;
  // t = 0 carries the initial condition, constrained by its own rows.
  result.samples = sample_expert_points(partition, options.points_per_expert, seed, {1, 0});
  const torch::Tensor features = diffusion_sorption_point_features(basis, result.samples, grid);
  const LinearRows rows =
      replicate_for_experts(diffusion_sorption_linear_rows(basis, u0, grid, options.constraints), experts);
  const PointResidual residual = diffusion_sorption_point_residual(options.constraints.physics, options.pde_weight);
  const torch::Tensor omega =
      hard_constraint_solve(features, rows.rows, rows.targets, residual, options.lm, &result.lm);
  result.coefficients = omega.reshape({basis.size(0), experts, basis.size(3)});
  result.u = combine_expert_expansions(basis, result.coefficients, partition);
  return result;
}

HardConstraintModelImpl::HardConstraintModelImpl(const HardConstraintOptions& options) : options_(options) {
  if (options.split.size() != 2)
    throw ConfigError("moe.split must have 2 entries (t, x), got " + std::to_string(options.split.size()));
  if (options.basis.dims != 2)
    throw ConfigError("fno.dims must be 2 for diffusion-sorption (t, x), got " + std::to_string(options.basis.dims));
  network_ = register_module("network", Fno(options.basis));
}

torch::Tensor HardConstraintModelImpl::basis(const torch::Tensor& u0, const SpaceTimeGrid& grid) {
  return network_(diffusion_sorption_network_input(u0, grid)).to(torch::kFloat64);
}

HardConstraintResult HardConstraintModelImpl::forward(const torch::Tensor& u0, const SpaceTimeGrid& grid,
                                                      std::uint64_t seed) {
  return hard_constrained_field(basis(u0, grid), u0, grid, options_, seed);
}

}  // namespace las::moe
