// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/relative_error.hpp"

#include "solvers/core/error.hpp"

namespace las::moe {

torch::Tensor relative_l2_error(const torch::Tensor& prediction, const torch::Tensor& reference) {
  LAS_CHECK(prediction.sizes() == reference.sizes() && prediction.dim() >= 1,
            "relative_l2_error: prediction " << prediction.sizes() << " and reference " << reference.sizes()
                                             << " differ");
  const torch::Tensor ref = reference.to(torch::kFloat64).reshape({reference.size(0), -1});
  const torch::Tensor diff = prediction.to(torch::kFloat64).reshape({prediction.size(0), -1}) - ref;
  const torch::Tensor norm = ref.norm(2, 1);
  LAS_CHECK(norm.min().item<double>() > 0, "relative_l2_error: a reference trajectory is zero");
  return diff.norm(2, 1) / norm;
}

}  // namespace las::moe
