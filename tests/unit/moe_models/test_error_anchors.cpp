// SPDX-License-Identifier: BSD-3-Clause
// The anchors printed beside a trained model's error: the mean-trajectory predictor's
// error and the reference's own physics loss, both against fields whose values are known
// in closed form (constants and a field linear in t, on which every finite difference is
// exact).
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/error_anchors.hpp"

namespace las::moe {
namespace {

constexpr int64_t kTimes = 6, kCells = 8;
constexpr double kFinal = 50;

MoeReferenceSet set_of(const torch::Tensor& u, int64_t cells = kCells) {
  DiffusionSorptionSet s;
  s.u = u;
  s.grid = SpaceTimeGrid::cell_centred(kTimes, cells, kFinal);
  return to_reference_set(s, {});
}

torch::Tensor constant_fields(std::vector<double> values) {
  std::vector<torch::Tensor> fields;
  for (double v : values) fields.push_back(torch::full({kTimes, kCells}, v, torch::kFloat64));
  return torch::stack(fields);
}

TEST(ErrorAnchors, MeanTrajectoryError) {
  // Training mean 2; test fields 4 and 2 are 50 % and 0 % off.
  const ErrorAnchors a =
      error_anchors(set_of(constant_fields({1, 3})), set_of(constant_fields({4, 2})), 1.0);
  EXPECT_NEAR(a.mean_trajectory_error, 0.25, 1e-15);
  EXPECT_EQ(a.persistence_error, 0.0);  // constant in time
}

TEST(ErrorAnchors, ReferenceLossOfAConstantIsItsBoundaryMisfit) {
  // u = c solves the PDE and its own initial condition; the rows u(0, t) = 1 and
  // u + D u_x = 0 at x = 1 miss by c - 1 and c.
  const double c = 0.25;
  const ErrorAnchors a =
      error_anchors(set_of(constant_fields({1})), set_of(constant_fields({c})), 7.0);
  EXPECT_EQ(a.reference_pde, 0.0);
  EXPECT_EQ(a.reference_initial, 0.0);
  EXPECT_NEAR(a.reference_boundary, ((c - 1) * (c - 1) + c * c) / 2, 1e-15);
  EXPECT_NEAR(a.reference_loss, a.reference_boundary, 1e-15);
}

TEST(ErrorAnchors, PdeTermIsWeightedResidualSquared) {
  // u = a + b t: u_t = b, u_xx = 0, so the residual is b at every point and the weighted
  // term is (w b)^2.
  const double a0 = 0.5, b = 1e-3, w = 3;
  const torch::Tensor t = torch::arange(kTimes, torch::kFloat64) * (kFinal / (kTimes - 1));
  const torch::Tensor u =
      (a0 + b * t).view({1, kTimes, 1}).expand({1, kTimes, kCells}).contiguous();
  const ErrorAnchors an = error_anchors(set_of(u), set_of(u), w);
  EXPECT_NEAR(an.reference_pde, (w * b) * (w * b), 1e-15);
  EXPECT_NEAR(an.reference_initial, 0.0, 1e-28);
  EXPECT_NEAR(an.mean_trajectory_error, 0.0, 1e-15);
  // Holding u(0) = a misses by b t: relative error sqrt(Σ (b t)²) / sqrt(Σ (a + b t)²).
  double miss = 0, norm = 0;
  for (int64_t j = 0; j < kTimes; ++j) {
    const double tj = static_cast<double>(j) * kFinal / (kTimes - 1);
    miss += (b * tj) * (b * tj);
    norm += (a0 + b * tj) * (a0 + b * tj);
  }
  EXPECT_NEAR(an.persistence_error, std::sqrt(miss / norm), 1e-14);
}

TEST(ErrorAnchors, RejectsMismatchedGridsAndEmptySets) {
  const MoeReferenceSet other = set_of(torch::ones({1, kTimes, kCells + 1}, torch::kFloat64), kCells + 1);
  EXPECT_THROW(error_anchors(set_of(constant_fields({1})), other, 1.0), Error);
  EXPECT_THROW(error_anchors(MoeReferenceSet{}, set_of(constant_fields({1})), 1.0), Error);
}

}  // namespace
}  // namespace las::moe
