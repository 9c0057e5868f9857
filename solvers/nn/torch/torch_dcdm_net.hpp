// SPDX-License-Identifier: BSD-3-Clause
// The DCDM network in LibTorch, for training (autograd, Adam) and as the reference the
// las forward pass is checked against. Include only from LibTorch translation units:
// torch headers are slow to compile.
#pragma once

#include <torch/torch.h>

#include "solvers/nn/dcdm_network.hpp"

namespace las::nn {

/// Same layers, same weight layout ([C_out][C_in][kz][ky][kx]) and same forward as
/// DcdmNetwork: tensors are [N][C][(D)][H][W] with W = las's x axis, H = y, D = z.
class TorchDcdmNetImpl : public torch::nn::Module {
 public:
  explicit TorchDcdmNetImpl(const NetworkArchitecture& arch);
  torch::Tensor forward(const torch::Tensor& x);
  /// Weights from/to a las network of the same architecture (float32 both sides).
  void copy_from(const DcdmNetwork& network);
  void copy_to(DcdmNetwork& network) const;
  const NetworkArchitecture& architecture() const { return arch_; }

 private:
  torch::Tensor conv(size_t layer, const torch::Tensor& x, int padding) const;
  torch::Tensor residual_pair(size_t layer, const torch::Tensor& x) const;
  NetworkArchitecture arch_;
  std::vector<torch::Tensor> weights_, biases_;
};
TORCH_MODULE(TorchDcdmNet);

}  // namespace las::nn
