// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/diffusion_sorption_constraints.hpp"

#include <cmath>

#include "solvers/core/error.hpp"

namespace las::moe {
namespace {

constexpr double kPowerGuard = 1e-6;  // the authors' (u + 1e-6)^(n_f - 1)
constexpr double kUniformTolerance = 1e-9;

bool uniform(const std::vector<double>& c, double h, double first) {
  for (std::size_t i = 0; i < c.size(); ++i)
    if (std::abs(c[i] - (first + h * static_cast<double>(i))) > kUniformTolerance * (std::abs(h) * c.size()))
      return false;
  return true;
}

torch::Tensor at(const torch::Tensor& f, int64_t axis, int64_t i) { return f.narrow(axis, i, 1); }

// The quadratic extrapolation of f to the face half a cell before index 0 (`from_end`
// false) or after the last index, and its slope there (d/dx, x increasing).
torch::Tensor face_value(const torch::Tensor& f, int64_t axis, bool from_end) {
  const int64_t n = f.size(axis);
  const auto g = [&](int64_t i) { return at(f, axis, from_end ? n - 1 - i : i); };
  return (15.0 * g(0) - 10.0 * g(1) + 3.0 * g(2)) / 8.0;
}

torch::Tensor face_slope(const torch::Tensor& f, int64_t axis, bool from_end, double h) {
  const int64_t n = f.size(axis);
  const auto g = [&](int64_t i) { return at(f, axis, from_end ? n - 1 - i : i); };
  const torch::Tensor towards_face = (2.0 * g(0) - 3.0 * g(1) + g(2)) / h;
  return from_end ? towards_face : -towards_face;
}

void check_field(const torch::Tensor& f, const SpaceTimeGrid& grid, int64_t rank, const char* what) {
  LAS_CHECK(f.dim() == rank && f.size(1) == grid.times && f.size(2) == grid.cells,
            what << " must be [B, " << grid.times << ", " << grid.cells << (rank == 4 ? ", N]" : "]") << ", got "
                 << f.sizes());
}

}  // namespace

SpaceTimeGrid SpaceTimeGrid::cell_centred(int64_t times, int64_t cells, double t_final) {
  LAS_CHECK(times >= 3 && cells >= 4 && t_final > 0,
            "SpaceTimeGrid: need >= 3 times, >= 4 cells and T > 0, got " << times << ", " << cells << ", " << t_final);
  SpaceTimeGrid g;
  g.times = times;
  g.cells = cells;
  g.dt = t_final / static_cast<double>(times - 1);
  g.dx = 1.0 / static_cast<double>(cells);
  return g;
}

SpaceTimeGrid SpaceTimeGrid::from_coordinates(const std::vector<double>& t, const std::vector<double>& x) {
  if (t.size() < 3 || x.size() < 4)
    throw InputError("diffusion-sorption data: need >= 3 times and >= 4 cells, got " + std::to_string(t.size()) +
                     " and " + std::to_string(x.size()));
  SpaceTimeGrid g;
  g.times = static_cast<int64_t>(t.size());
  g.cells = static_cast<int64_t>(x.size());
  g.dt = (t.back() - t.front()) / static_cast<double>(t.size() - 1);
  g.dx = (x.back() - x.front()) / static_cast<double>(x.size() - 1);
  if (t.front() != 0.0 || !(g.dt > 0) || !uniform(t, g.dt, 0.0))
    throw InputError("diffusion-sorption data: t must be uniform from 0, got t[0] = " + std::to_string(t.front()));
  if (!(g.dx > 0) || !uniform(x, g.dx, 0.5 * g.dx))
    throw InputError("diffusion-sorption data: x must be the cell centres (i + 1/2) dx, got x[0] = " +
                     std::to_string(x.front()) + ", dx = " + std::to_string(g.dx));
  return g;
}

torch::Tensor diffusion_sorption_point_features(const torch::Tensor& basis, const torch::Tensor& samples,
                                                const SpaceTimeGrid& grid) {
  check_field(basis, grid, 4, "diffusion_sorption_point_features: basis");
  LAS_CHECK(basis.scalar_type() == torch::kFloat64, "diffusion_sorption_point_features: basis must be float64");
  LAS_CHECK(samples.dim() == 2 && samples.scalar_type() == torch::kInt64,
            "diffusion_sorption_point_features: samples must be int64 [K, P]");
  const int64_t batch = basis.size(0), n = basis.size(3), experts = samples.size(0), points = samples.size(1);
  // [B, T, X, 3, N] -> [B, T·X, 3, N], then the sampled rows of every expert.
  const torch::Tensor all = torch::stack(
      {basis, first_derivative(basis, 1, grid.dt), second_derivative(basis, 2, grid.dx)}, 3);
  const torch::Tensor picked = all.reshape({batch, grid.times * grid.cells, 3, n}).index_select(1, samples.reshape(-1));
  return picked.reshape({batch * experts, points, 3, n});
}

LinearRows diffusion_sorption_linear_rows(const torch::Tensor& basis, const torch::Tensor& u0,
                                          const SpaceTimeGrid& grid,
                                          const DiffusionSorptionConstraintOptions& options) {
  check_field(basis, grid, 4, "diffusion_sorption_linear_rows: basis");
  LAS_CHECK(u0.dim() == 2 && u0.size(0) == basis.size(0) && u0.size(1) == grid.cells,
            "diffusion_sorption_linear_rows: u0 must be [B, " << grid.cells << "], got " << u0.sizes());
  LAS_CHECK(options.initial_scale_floor > 0, "diffusion_sorption_linear_rows: initial_scale_floor must be > 0");
  const int64_t batch = basis.size(0), later = grid.times - 1;
  const torch::Tensor u0c = u0.to(basis.scalar_type());
  const torch::Tensor scale = u0c.abs().clamp_min(options.initial_scale_floor);  // [B, X]
  const torch::Tensor initial = basis.select(1, 0) / scale.unsqueeze(-1);         // [B, X, N]

  // Boundary faces at t_j, j >= 1: [B, T-1, N].
  const torch::Tensor b = basis.narrow(1, 1, later);
  const torch::Tensor left = face_value(b, 2, false).squeeze(2);
  const double sign = options.authors_outflow_sign ? -1.0 : 1.0;
  const torch::Tensor right = (face_value(b, 2, true) + sign * options.physics.diffusivity *
                                                            face_slope(b, 2, true, grid.dx)).squeeze(2);

  LinearRows r;
  r.rows = torch::cat({initial, left, right}, 1);
  r.targets = torch::cat({u0c / scale, torch::full({batch, later}, options.physics.left_value, basis.options()),
                          torch::zeros({batch, later}, basis.options())},
                         1);
  return r;
}

LinearRows replicate_for_experts(const LinearRows& rows, int64_t experts) {
  LAS_CHECK(experts >= 1 && rows.rows.dim() == 3 && rows.targets.dim() == 2,
            "replicate_for_experts: rows [B, Q, N], targets [B, Q] and experts >= 1");
  const int64_t batch = rows.rows.size(0), q = rows.rows.size(1), n = rows.rows.size(2);
  LinearRows r;
  r.rows = rows.rows.unsqueeze(1).expand({batch, experts, q, n}).reshape({batch * experts, q, n});
  r.targets = rows.targets.unsqueeze(1).expand({batch, experts, q}).reshape({batch * experts, q});
  return r;
}

torch::Tensor retardation(const torch::Tensor& u, const pde::DiffusionSorptionParams& p) {
  const double coefficient = (1.0 - p.porosity) / p.porosity * p.bulk_density * p.freundlich_k * p.freundlich_n;
  return 1.0 + coefficient * torch::pow(u.clamp_min(0.0) + kPowerGuard, p.freundlich_n - 1.0);
}

torch::Tensor diffusion_sorption_residual(const torch::Tensor& u, const SpaceTimeGrid& grid,
                                          const pde::DiffusionSorptionParams& physics) {
  check_field(u, grid, 3, "diffusion_sorption_residual: u");
  return first_derivative(u, 1, grid.dt) -
         physics.diffusivity / retardation(u, physics) * second_derivative(u, 2, grid.dx);
}

PhysicsLoss diffusion_sorption_physics_loss(const torch::Tensor& u, const torch::Tensor& u0, const SpaceTimeGrid& grid,
                                            const DiffusionSorptionConstraintOptions& options) {
  const torch::Tensor residual = diffusion_sorption_residual(u, grid, options.physics).narrow(1, 1, grid.times - 1);
  const LinearRows rows = diffusion_sorption_linear_rows(u.unsqueeze(-1), u0, grid, options);
  const torch::Tensor misfit = rows.rows.squeeze(-1) - rows.targets;
  PhysicsLoss loss;
  loss.pde = residual.square().mean();
  loss.initial = misfit.narrow(1, 0, grid.cells).square().mean();
  loss.boundary = misfit.narrow(1, grid.cells, misfit.size(1) - grid.cells).square().mean();
  loss.total = loss.pde + loss.initial + loss.boundary;
  return loss;
}

}  // namespace las::moe
