// SPDX-License-Identifier: BSD-3-Clause
// The LibTorch hard-constraint layer: the implicit-function-theorem gradient with respect
// to the point features, the linear rows and the targets against central differences of
// the forward solve, for both residual kinds, at minima with a nonzero residual (where the
// Gauss–Newton Hessian would give a wrong gradient); failures counted and named, never
// hidden; bad inputs rejected.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "serial_lm.hpp"
#include "solvers/core/error.hpp"
#include "solvers/moe/torch/hard_constraint_layer.hpp"

namespace {

namespace moe = las::moe;
using las::test::HostBatch;

torch::Tensor tensor_of(const std::vector<double>& v, std::vector<int64_t> sizes) {
  return torch::from_blob(const_cast<double*>(v.data()), sizes, torch::kFloat64).clone();
}

struct LayerInputs {
  torch::Tensor f, a, y;
};

LayerInputs inputs_of(const HostBatch& h) {
  return {tensor_of(h.f, {h.problems, h.points, h.features, h.n}), tensor_of(h.a, {h.problems, h.linear, h.n}),
          tensor_of(h.y, {h.problems, h.linear})};
}

moe::LmOptions tight_options(moe::PointResidualKind kind) {
  moe::LmOptions o;
  o.tolerance = 1e-12;  // converged to round-off, so differences of solves are meaningful
  o.max_iterations = 200;
  o.ridge = 1e-2;
  o.initial_coefficient = kind == moe::PointResidualKind::DiffusionSorption ? 1 : 0;
  return o;
}

/// (kind, with offsets): the offsets z0 make the features affine, z = F ω + z0.
class ImplicitGradient : public ::testing::TestWithParam<std::tuple<moe::PointResidualKind, bool>> {};

TEST_P(ImplicitGradient, MatchesCentralDifferencesOfTheSolve) {
  const auto [kind, with_offsets] = GetParam();
  const moe::PointResidual pr = las::test::test_residual(kind);
  const moe::LmOptions o = tight_options(kind);
  const HostBatch h = las::test::random_batch(kind, 3, 40, 6, 8, 17);
  const LayerInputs in = inputs_of(h);
  const torch::Tensor c = torch::linspace(-1, 1.5, h.problems * h.n, torch::kFloat64).reshape({h.problems, h.n});
  // Offsets of the features' own size (DS: small and positive in u, so R(u) stays smooth).
  torch::manual_seed(9);
  const torch::Tensor z0_in =
      with_offsets ? 0.3 * torch::rand({h.problems, h.points, h.features}, torch::kFloat64) : torch::Tensor();

  const torch::Tensor f = in.f.clone().requires_grad_(true), a = in.a.clone().requires_grad_(true),
                      y = in.y.clone().requires_grad_(true);
  const torch::Tensor z0 = with_offsets ? z0_in.clone().requires_grad_(true) : torch::Tensor();
  moe::LmSummary summary;
  const torch::Tensor omega = moe::hard_constraint_solve(f, z0, a, y, pr, o, &summary);
  ASSERT_EQ(summary.failed, 0) << summary.first_failure;
  (omega * c).sum().backward();

  // The residual at the minimum is clearly nonzero, so Σ r ∇²r matters in H.
  if (!with_offsets)
    for (int b = 0; b < h.problems; ++b) {
      std::vector<double> w(omega[b].data_ptr<double>(), omega[b].data_ptr<double>() + h.n);
      EXPECT_GT(las::test::serial_point(h, b, pr, o.ridge, w).f, 0.1);
    }

  const auto loss = [&](const torch::Tensor& ff, const torch::Tensor& zz, const torch::Tensor& aa,
                        const torch::Tensor& yy) {
    torch::NoGradGuard no_grad;
    moe::LmSummary s;
    const double value = (moe::hard_constraint_solve(ff, zz, aa, yy, pr, o, &s) * c).sum().item<double>();
    EXPECT_EQ(s.failed, 0) << s.first_failure;
    return value;
  };
  std::mt19937 rng(4);
  const torch::Tensor* inputs[] = {&in.f, &z0_in, &in.a, &in.y};
  const torch::Tensor grads[] = {f.grad(), with_offsets ? z0.grad() : torch::Tensor(), a.grad(), y.grad()};
  const char* names[] = {"features", "offsets", "rows", "targets"};
  double worst = 0;
  for (int t = 0; t < 4; ++t) {
    if (t == 1 && !with_offsets) continue;
    ASSERT_TRUE(grads[t].defined()) << names[t];
    const torch::Tensor g = grads[t].reshape({-1});
    const double scale = g.abs().max().item<double>();
    ASSERT_GT(scale, 0) << names[t];
    std::uniform_int_distribution<int64_t> pick(0, g.numel() - 1);
    for (int k = 0; k < 12; ++k) {
      const int64_t i = pick(rng);
      const double step = 1e-5 * std::max(1.0, std::abs(inputs[t]->reshape({-1})[i].item<double>()));
      const auto perturbed = [&](double delta) {
        torch::Tensor v[] = {in.f.clone(), with_offsets ? z0_in.clone() : torch::Tensor(), in.a.clone(), in.y.clone()};
        v[t].view({-1})[i] += delta;
        return loss(v[0], v[1], v[2], v[3]);
      };
      const double fd = (perturbed(step) - perturbed(-step)) / (2 * step);
      const double ad = g[i].item<double>();
      // Relative to the entry, with a floor at 1e-3 of the tensor's largest entry for the
      // entries that are nearly zero (there the difference quotient's round-off dominates).
      const double error = std::abs(ad - fd) / std::max(std::abs(ad), 1e-3 * scale);
      worst = std::max(worst, error);
      EXPECT_LT(error, 1e-5) << names[t] << "[" << i << "]: IFT " << ad << ", difference " << fd;
    }
  }
  std::printf("worst relative IFT-vs-difference error: %.2e\n", worst);
}

INSTANTIATE_TEST_SUITE_P(Kinds, ImplicitGradient,
                         ::testing::Combine(::testing::Values(moe::PointResidualKind::DiffusionSorption,
                                                              moe::PointResidualKind::NavierStokesVorticity),
                                            ::testing::Bool()));

// Offsets z0 = F_p c are the features of the field b·c, so the affine problem in ω is the
// plain one in ω + c: without a ridge (which would tie ω itself to 0) and with the plain
// solve started at c (LM from the same point follows the same path in ω + c), the
// solutions differ by c to round-off.
TEST(HardConstraintLayer, OffsetsShiftTheCoefficients) {
  const auto kind = moe::PointResidualKind::NavierStokesVorticity;
  const moe::PointResidual pr = las::test::test_residual(kind);
  moe::LmOptions o = tight_options(kind);
  o.ridge = 0;
  const HostBatch h = las::test::random_batch(kind, 2, 40, 5, 0, 23);
  const LayerInputs in = inputs_of(h);
  const double shift = 0.25;
  const torch::Tensor z0 = (in.f * shift).sum(3);  // F_p c with c = (shift, ..., shift)
  moe::LmSummary s_affine, s_plain;
  const torch::Tensor affine = moe::hard_constraint_solve(in.f, z0, in.a, in.y, pr, o, &s_affine);
  o.initial_coefficient = shift;
  const torch::Tensor plain = moe::hard_constraint_solve(in.f, in.a, in.y, pr, o, &s_plain);
  ASSERT_EQ(s_affine.failed + s_plain.failed, 0) << s_affine.first_failure << s_plain.first_failure;
  EXPECT_LT((affine + shift - plain).abs().max().item<double>(), 1e-9 * (1 + plain.abs().max().item<double>()));
}

TEST(HardConstraintLayer, MaxIterationsIsCountedAndNamed) {
  const auto kind = moe::PointResidualKind::DiffusionSorption;
  const HostBatch h = las::test::random_batch(kind, 4, 30, 6, 5, 8);
  const LayerInputs in = inputs_of(h);
  moe::LmOptions o;
  o.max_iterations = 1;  // the problem is nonlinear: one step cannot meet the tolerance
  moe::LmSummary summary;
  const torch::Tensor omega = moe::hard_constraint_solve(in.f, in.a, in.y, las::test::test_residual(kind), o, &summary);
  EXPECT_EQ(summary.problems, 4);
  EXPECT_EQ(summary.failed, 4);
  EXPECT_EQ(summary.max_iterations_used, 1);
  EXPECT_EQ(summary.first_failure.rfind("problem 0: max_iterations (1) reached", 0), 0u) << summary.first_failure;
  EXPECT_TRUE(torch::isfinite(omega).all().item<bool>());  // the last iterate is still returned
}

TEST(HardConstraintLayer, NanFeaturesAreReportedNotACrash) {
  const auto kind = moe::PointResidualKind::DiffusionSorption;
  const moe::PointResidual pr = las::test::test_residual(kind);
  HostBatch h = las::test::random_batch(kind, 3, 30, 6, 5, 9);
  h.feature(1, 3, 2, 4) = std::nan("");
  const LayerInputs in = inputs_of(h);
  const torch::Tensor f = in.f.clone().requires_grad_(true);
  moe::LmSummary summary;
  const moe::HardConstraintBackwardStats before = moe::hard_constraint_backward_stats();
  const torch::Tensor omega = moe::hard_constraint_solve(f, in.a, in.y, pr, moe::LmOptions{}, &summary);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.first_failure.rfind("problem 1: NaN", 0), 0u) << summary.first_failure;
  EXPECT_TRUE(std::isnan(summary.max_gradient_norm));
  // The other problems are solved as if alone.
  for (int b : {0, 2}) {
    const auto s = las::test::serial_lm(h, b, pr, moe::LmOptions{});
    for (int k = 0; k < h.n; ++k) EXPECT_NEAR(omega[b][k].item<double>(), s.omega[k], 1e-10);
  }
  omega.sum().backward();
  const moe::HardConstraintBackwardStats after = moe::hard_constraint_backward_stats();
  EXPECT_EQ(after.backward_calls - before.backward_calls, 1);
  EXPECT_EQ(after.unsolved - before.unsolved, 1);
  EXPECT_GE(after.gauss_newton_fallbacks - before.gauss_newton_fallbacks, 1);
  EXPECT_TRUE(torch::isnan(f.grad()[1]).all().item<bool>());  // NaN, visibly, for the failed problem
  EXPECT_TRUE(torch::isfinite(f.grad()[0]).all().item<bool>());
  EXPECT_TRUE(torch::isfinite(f.grad()[2]).all().item<bool>());
}

TEST(HardConstraintLayer, WorksWithoutLinearRows) {
  // Q = 0: empty [B, 0, N] and [B, 0] tensors are valid inputs.
  const auto kind = moe::PointResidualKind::NavierStokesVorticity;
  const moe::PointResidual pr = las::test::test_residual(kind);
  const HostBatch h = las::test::random_batch(kind, 2, 30, 5, 0, 12);
  const LayerInputs in = inputs_of(h);
  const torch::Tensor f = in.f.clone().requires_grad_(true), a = in.a.clone().requires_grad_(true);
  moe::LmOptions o = tight_options(kind);
  o.ridge = 0.5;  // without linear rows the ridge keeps the minimiser unique
  moe::LmSummary summary;
  const torch::Tensor omega = moe::hard_constraint_solve(f, a, in.y, pr, o, &summary);
  EXPECT_EQ(summary.failed, 0) << summary.first_failure;
  for (int b = 0; b < h.problems; ++b) {
    const auto s = las::test::serial_lm(h, b, pr, o);
    for (int k = 0; k < h.n; ++k) EXPECT_NEAR(omega[b][k].item<double>(), s.omega[k], 1e-10);
  }
  omega.sum().backward();
  EXPECT_TRUE(torch::isfinite(f.grad()).all().item<bool>());
  EXPECT_EQ(a.grad().numel(), 0);
}

TEST(HardConstraintLayer, BadInputsAreRejected) {
  const auto kind = moe::PointResidualKind::DiffusionSorption;
  const moe::PointResidual pr = las::test::test_residual(kind);
  const LayerInputs in = inputs_of(las::test::random_batch(kind, 2, 10, 4, 3, 1));
  const moe::LmOptions o;
  EXPECT_THROW(moe::hard_constraint_solve(in.f.to(torch::kFloat32), in.a, in.y, pr, o), las::Error);
  EXPECT_THROW(moe::hard_constraint_solve(in.f, in.a.narrow(0, 0, 1), in.y, pr, o), las::Error);
  EXPECT_THROW(moe::hard_constraint_solve(in.f, in.a, in.y.narrow(1, 0, 2), pr, o), las::Error);
  const torch::Tensor wrong_offsets = torch::zeros({2, 10, 2}, torch::kFloat64);  // 3 features needed
  EXPECT_THROW(moe::hard_constraint_solve(in.f, wrong_offsets, in.a, in.y, pr, o), las::Error);
  moe::PointResidual ns = pr;
  ns.kind = moe::PointResidualKind::NavierStokesVorticity;  // needs 6 features, gets 3
  EXPECT_THROW(moe::hard_constraint_solve(in.f, in.a, in.y, ns, o), las::Error);
  moe::LmOptions no_steps;
  no_steps.max_iterations = 0;
  EXPECT_THROW(moe::hard_constraint_solve(in.f, in.a, in.y, pr, no_steps), las::Error);
}

}  // namespace
