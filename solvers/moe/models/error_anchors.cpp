// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/error_anchors.hpp"

#include "solvers/core/error.hpp"
#include "solvers/moe/models/relative_error.hpp"

namespace las::moe {

ErrorAnchors error_anchors(const MoeReferenceSet& train, const MoeReferenceSet& test, double pde_weight) {
  LAS_CHECK(train.samples() > 0 && test.samples() > 0, "error_anchors: the training and test sets must hold samples");
  LAS_CHECK(train.u.sizes().slice(1) == test.u.sizes().slice(1), "error_anchors: the training and test grids differ");
  torch::NoGradGuard no_grad;
  ErrorAnchors a;
  const torch::Tensor mean = train.u.to(torch::kFloat64).mean(0, /*keepdim=*/true).expand_as(test.u);
  a.mean_trajectory_error = relative_l2_error(mean, test.u).mean().item<double>();
  const torch::Tensor held = test.initial().unsqueeze(1).expand_as(test.u);
  a.persistence_error = relative_l2_error(held, test.u).mean().item<double>();

  const torch::Tensor u = test.u.to(torch::kFloat64);
  const PhysicsLoss loss = test.physics->loss(u, test.initial().to(torch::kFloat64));
  a.reference_pde = pde_weight * pde_weight * loss.pde.item<double>();
  a.reference_initial = loss.initial.item<double>();
  a.reference_boundary = loss.boundary.item<double>();
  a.reference_loss = a.reference_pde + a.reference_initial + a.reference_boundary;
  return a;
}

}  // namespace las::moe
