// SPDX-License-Identifier: BSD-3-Clause
// PI-SC: the network input's channels, the relative L2 error against a closed form, and
// one Adam step on a fixed batch lowering the physics loss (the gradient reaches every
// layer of the FNO).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/network_input.hpp"
#include "solvers/moe/models/relative_error.hpp"
#include "solvers/moe/models/soft_constraint_model.hpp"

namespace las::moe {
namespace {

TEST(NetworkInput, InitialConditionAndNormalisedCoordinates) {
  const SpaceTimeGrid g = SpaceTimeGrid::cell_centred(5, 4, 500);
  const torch::Tensor u0 = torch::tensor({0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, torch::kFloat64).view({2, 4});
  const torch::Tensor in = diffusion_sorption_network_input(u0, g);
  ASSERT_EQ(in.sizes(), (std::vector<int64_t>{2, 5, 4, 3}));
  EXPECT_EQ(in.scalar_type(), torch::kFloat32);
  for (int64_t b = 0; b < 2; ++b)
    for (int64_t j = 0; j < 5; ++j)
      for (int64_t i = 0; i < 4; ++i) {
        EXPECT_FLOAT_EQ(in[b][j][i][0].item<float>(), static_cast<float>(0.1 * (4 * b + i + 1)));
        EXPECT_FLOAT_EQ(in[b][j][i][1].item<float>(), static_cast<float>(j / 4.0));             // t / t_max
        EXPECT_FLOAT_EQ(in[b][j][i][2].item<float>(), static_cast<float>((i + 0.5) / 3.5));     // x / x_max
      }
  EXPECT_THROW(diffusion_sorption_network_input(torch::zeros({2, 5}), g), Error);
}

TEST(RelativeError, PerSampleAgainstClosedForm) {
  const torch::Tensor ref = torch::tensor({3.0, 4.0, 1.0, 0.0}, torch::kFloat64).view({2, 2});
  const torch::Tensor pred = torch::tensor({3.0, 4.5, 1.0, 2.0}, torch::kFloat32).view({2, 2});
  const torch::Tensor e = relative_l2_error(pred, ref);
  EXPECT_NEAR(e[0].item<double>(), 0.5 / 5.0, 1e-15);
  EXPECT_NEAR(e[1].item<double>(), 2.0, 1e-15);
  EXPECT_THROW(relative_l2_error(pred, ref.view({4})), Error);
  EXPECT_THROW(relative_l2_error(pred, torch::zeros({2, 2})), Error);
}

TEST(SoftConstraintModel, OneAdamStepLowersTheLoss) {
  torch::manual_seed(5);
  FnoOptions o = FnoOptions::small();
  o.out_channels = 1;
  SoftConstraintModel model(o);
  const SpaceTimeGrid g = SpaceTimeGrid::cell_centred(11, 32, 500);
  const torch::Tensor u0 = 0.2 * torch::rand({2, 32}, torch::kFloat64);
  const DiffusionSorptionConstraintOptions c;

  EXPECT_EQ(model->forward(u0, g).sizes(), (std::vector<int64_t>{2, 11, 32}));
  torch::optim::Adam adam(model->parameters(), torch::optim::AdamOptions(1e-3));
  adam.zero_grad();
  const PhysicsLoss before = model->loss(u0, g, c);
  before.total.backward();
  for (const auto& p : model->named_parameters()) {
    ASSERT_TRUE(p.value().grad().defined()) << p.key();
    EXPECT_TRUE(torch::isfinite(p.value().grad()).all().item<bool>()) << p.key();
    EXPECT_GT(p.value().grad().abs().max().item<double>(), 0.0) << p.key();
  }
  adam.step();
  torch::NoGradGuard no_grad;
  const PhysicsLoss after = model->loss(u0, g, c);
  EXPECT_LT(after.total.item<double>(), before.total.item<double>());
}

TEST(SoftConstraintModel, NeedsOneOutputChannel) {
  EXPECT_THROW(SoftConstraintModel(FnoOptions::small()), ConfigError);
}

}  // namespace
}  // namespace las::moe
