// SPDX-License-Identifier: BSD-3-Clause
// PI-HC and PI-HC-MoE forward passes: the K = 1 model equals PI-HC assembled by hand from
// the layer (features, rows, one solve, b·ω); the K = 4 model's coefficients equal four
// separate per-expert solves (so the b·K + k layout and the reassembly are right); where
// the rows can all be met (fewer rows than basis functions) the constrained field's PDE
// residual, recomputed from the field by finite differences, is far below that of the same
// basis network's unconstrained field b·1 (the LM's start); and the gradient of the
// training loss reaches the network through the layer.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "solvers/moe/models/expert_partition.hpp"
#include "solvers/moe/models/hard_constraint_model.hpp"

namespace las::moe {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Problem {
  SpaceTimeGrid grid = SpaceTimeGrid::cell_centred(11, 32, 500);
  torch::Tensor u0;
  HardConstraintOptions options;
  explicit Problem(std::vector<int64_t> split) {
    const torch::Tensor x = (torch::arange(32, torch::kFloat64) + 0.5) / 32;
    u0 = torch::stack({0.1 + 0.05 * torch::sin(2 * kPi * x), 0.15 + 0.05 * torch::cos(2 * kPi * x)});
    options.split = std::move(split);
    options.points_per_expert = 40;
  }
};

// The LM starts from ω₀ = 1, the field b·1. A positive output bias (each b_n ≈ 1 plus the
// random network's part) puts that start where u > 0 and the sorption term R(u) varies,
// as for a trained basis, rather than on the flat u <= 0 branch of the guarded power.
void make_basis_positive(HardConstraintModel& model) {
  torch::NoGradGuard no_grad;
  model->network()->named_parameters()["fc2.bias"].fill_(1.0);
}

TEST(HardConstraintModel, OneExpertIsPiHc) {
  torch::manual_seed(21);
  const Problem s({1, 1});
  HardConstraintModel model(s.options);
  make_basis_positive(model);
  const std::uint64_t seed = 9;
  const HardConstraintResult moe = model->forward(s.u0, s.grid, seed);

  // PI-HC by hand: one problem per sample over the whole domain.
  torch::NoGradGuard no_grad;
  const torch::Tensor basis = model->basis(s.u0, s.grid);
  const torch::Tensor samples = sample_expert_points(ExpertPartition({11, 32}, {1, 1}), 40, seed, {1, 0});
  const LinearRows rows = diffusion_sorption_linear_rows(basis, s.u0, s.grid, s.options.constraints);
  const torch::Tensor omega =
      hard_constraint_solve(diffusion_sorption_point_features(basis, samples, s.grid), rows.rows, rows.targets,
                            diffusion_sorption_point_residual(s.options.constraints.physics), s.options.lm);
  const torch::Tensor u = torch::einsum("btxn,bn->btx", {basis, omega});
  EXPECT_TRUE(torch::equal(moe.samples, samples));
  EXPECT_TRUE(torch::equal(moe.coefficients.select(1, 0), omega));
  EXPECT_TRUE(torch::equal(moe.u, u));
  EXPECT_EQ(moe.lm.problems, 2);
  EXPECT_EQ(moe.lm.failed, 0) << moe.lm.first_failure;
}

TEST(HardConstraintModel, ExpertsEqualSeparateSolves) {
  torch::manual_seed(22);
  const Problem s({1, 4});
  HardConstraintModel model(s.options);
  make_basis_positive(model);
  const HardConstraintResult moe = model->forward(s.u0, s.grid, 5);
  ASSERT_EQ(moe.u.sizes(), (std::vector<int64_t>{2, 11, 32}));
  ASSERT_EQ(moe.coefficients.sizes(), (std::vector<int64_t>{2, 4, 16}));
  EXPECT_EQ(moe.lm.problems, 8);
  EXPECT_EQ(moe.lm.failed, 0) << moe.lm.first_failure;

  torch::NoGradGuard no_grad;
  const torch::Tensor basis = model->basis(s.u0, s.grid);
  const LinearRows rows = diffusion_sorption_linear_rows(basis, s.u0, s.grid, s.options.constraints);
  const ExpertPartition partition({11, 32}, {1, 4});
  const auto physics = s.options.constraints.physics;
  for (int64_t k = 0; k < 4; ++k) {
    const torch::Tensor features = diffusion_sorption_point_features(basis, moe.samples.narrow(0, k, 1), s.grid);
    const torch::Tensor omega = hard_constraint_solve(features, rows.rows, rows.targets,
                                                      diffusion_sorption_point_residual(physics), s.options.lm);
    const torch::Tensor got = moe.coefficients.select(1, k);
    // Same algorithm on the same numbers; only summation order may differ with the batch
    // size, amplified by the problems' conditioning (observed: 5e-11 relative).
    EXPECT_LE((got - omega).abs().max().item<double>(), 1e-8 * omega.abs().max().item<double>()) << "expert " << k;
    // The expert's block of the reassembled field is b·ω_k there.
    const auto ranges = partition.block_ranges(k);
    const torch::Tensor block = basis.narrow(2, ranges[1].first, ranges[1].second - ranges[1].first);
    EXPECT_TRUE(torch::allclose(moe.u.narrow(2, ranges[1].first, ranges[1].second - ranges[1].first),
                                torch::einsum("btxn,bn->btx", {block, got}), 1e-14, 1e-14));
  }
}

// The constraint stage on a basis of N = 32 diverse functions b_n = (1 + cos(k_n x + w_n t
// + φ_n)) / 2 >= 0 (so the start b·1 is finite for the layer): 2 experts of 4 x 3 points,
// P = 4 each, Q = 6 + 2 * 3 = 12 rows, i.e. 16 equations for 32 coefficients, which the
// LM can meet; run to a tight tolerance.
TEST(HardConstraintModel, ConstraintHoldsWhereTheRowsAllowIt) {
  HardConstraintOptions o;
  o.split = {1, 2};
  o.points_per_expert = 4;
  o.lm.tolerance = 1e-10;
  o.lm.max_iterations = 200;
  const SpaceTimeGrid grid = SpaceTimeGrid::cell_centred(4, 6, 500);
  // Initial values near the inflow value 1 keep the solution, and the LM's path to it from
  // b·1, in u > 0, where the sorption term is active.
  const torch::Tensor u0 = torch::tensor({1.0, 0.9, 0.8, 0.85, 0.7, 0.6, 0.95, 0.9, 0.9, 0.8, 0.75, 0.7},
                                         torch::kFloat64).view({2, 6});
  const torch::Tensor n = torch::arange(32, torch::kFloat64).view({1, 1, 1, 32});
  const torch::Tensor t = (torch::arange(4, torch::kFloat64) * grid.dt).view({1, 4, 1, 1});
  const torch::Tensor x = ((torch::arange(6, torch::kFloat64) + 0.5) * grid.dx).view({1, 1, 6, 1});
  const torch::Tensor sample = torch::arange(2, torch::kFloat64).view({2, 1, 1, 1});
  const torch::Tensor basis =
      0.5 + 0.5 * torch::cos((1 + 0.9 * n) * x + 0.002 * torch::fmod(n, 7) * t + 0.7 * n + 0.3 * sample);
  const HardConstraintResult r = hard_constrained_field(basis, u0, grid, o, 3);
  EXPECT_EQ(r.lm.failed, 0) << r.lm.first_failure;
  const auto physics = o.constraints.physics;
  for (int64_t k = 0; k < 2; ++k) {
    // Expert k's field on the whole grid, so the finite differences never cross experts.
    const torch::Tensor omega = r.coefficients.select(1, k);
    const torch::Tensor field = torch::einsum("btxn,bn->btx", {basis, omega});
    const torch::Tensor free_field = basis.sum(3);
    const torch::Tensor sampled = r.samples[k];
    const auto residual_at_samples = [&](const torch::Tensor& u) {
      const torch::Tensor residual = diffusion_sorption_residual(u, grid, physics).reshape({2, -1});
      return residual.index_select(1, sampled).abs().max().item<double>();
    };
    const double constrained = residual_at_samples(field), unconstrained = residual_at_samples(free_field);
    EXPECT_LT(constrained, 1e-3 * unconstrained) << "expert " << k << ": " << constrained << " vs " << unconstrained;
    const LinearRows rows = diffusion_sorption_linear_rows(field.unsqueeze(-1), u0, grid, o.constraints);
    EXPECT_LT((rows.rows.squeeze(-1) - rows.targets).abs().max().item<double>(), 1e-6)
        << "expert " << k << ": LM " << r.lm.max_iterations_used << " iterations, |g| " << r.lm.max_gradient_norm;
  }
}

TEST(HardConstraintModel, TrainingLossGradientReachesTheNetwork) {
  torch::manual_seed(23);
  const Problem s({1, 2});
  HardConstraintModel model(s.options);
  make_basis_positive(model);
  const HardConstraintResult r = model->forward(s.u0, s.grid, 1);
  EXPECT_EQ(r.lm.failed, 0) << r.lm.first_failure;
  EXPECT_TRUE(torch::isfinite(r.u).all().item<bool>());
  const PhysicsLoss loss = diffusion_sorption_physics_loss(r.u, s.u0, s.grid, s.options.constraints);
  EXPECT_TRUE(std::isfinite(loss.total.item<double>()));
  loss.total.backward();
  for (const auto& p : model->named_parameters()) {
    ASSERT_TRUE(p.value().grad().defined()) << p.key();
    EXPECT_TRUE(torch::isfinite(p.value().grad()).all().item<bool>()) << p.key();
    EXPECT_GT(p.value().grad().abs().max().item<double>(), 0.0) << p.key();
  }
}

}  // namespace
}  // namespace las::moe
