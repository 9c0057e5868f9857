// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/torch/torch_dcdm_net.hpp"

#include "solvers/core/error.hpp"

namespace las::nn {
namespace F = torch::nn::functional;

TorchDcdmNetImpl::TorchDcdmNetImpl(const NetworkArchitecture& arch) : arch_(arch) {
  arch.validate();
  // Shapes from a zero las network: one definition of the layer list.
  const DcdmNetwork shape(arch);
  for (size_t l = 0; l < shape.layers().size(); ++l) {
    const auto& layer = shape.layers()[l];
    std::vector<int64_t> dims = {layer.c_out, layer.c_in};
    for (int a = 0; a < arch.dim; ++a) dims.push_back(layer.kernel);
    weights_.push_back(register_parameter("w" + std::to_string(l), torch::zeros(dims)));
    biases_.push_back(register_parameter("b" + std::to_string(l), torch::zeros({layer.c_out})));
  }
}

torch::Tensor TorchDcdmNetImpl::conv(size_t l, const torch::Tensor& x, int padding) const {
  if (arch_.dim == 3) return F::conv3d(x, weights_[l], F::Conv3dFuncOptions().bias(biases_[l]).padding(padding));
  return F::conv2d(x, weights_[l], F::Conv2dFuncOptions().bias(biases_[l]).padding(padding));
}

torch::Tensor TorchDcdmNetImpl::residual_pair(size_t l, const torch::Tensor& x) const {
  return torch::relu(conv(l + 1, torch::relu(conv(l, x, 1)), 1)) + x;
}

torch::Tensor TorchDcdmNetImpl::forward(const torch::Tensor& x) {
  size_t l = 0;
  auto pairs = [&](int count, torch::Tensor t) {
    for (int p = 0; p < count; ++p, l += 2) t = residual_pair(l, t);
    return t;
  };
  const std::vector<double> scale(static_cast<size_t>(arch_.dim), 2.0);
  std::vector<torch::Tensor> level(static_cast<size_t>(arch_.levels) + 1);
  level[0] = conv(l++, x, 1);  // linear first layer
  for (int d = 0; d < arch_.levels; ++d) {
    level[d] = pairs(arch_.pairs_before, level[d]);
    level[d + 1] = arch_.dim == 3 ? F::avg_pool3d(level[d], F::AvgPool3dFuncOptions(2))
                                  : F::avg_pool2d(level[d], F::AvgPool2dFuncOptions(2));
  }
  level[arch_.levels] = pairs(arch_.pairs_coarse, level[arch_.levels]);
  for (int d = arch_.levels - 1; d >= 0; --d) {
    level[d] =
        F::interpolate(level[d + 1], F::InterpolateFuncOptions().scale_factor(scale).mode(torch::kNearest)) + level[d];
    level[d] = pairs(arch_.pairs_after, level[d]);
  }
  return conv(l, level[0], 0);  // per-cell linear output
}

void TorchDcdmNetImpl::copy_from(const DcdmNetwork& network) {
  LAS_CHECK(network.layers().size() == weights_.size(), "TorchDcdmNet::copy_from: another architecture");
  torch::NoGradGuard no_grad;
  for (size_t l = 0; l < weights_.size(); ++l) {
    const auto& layer = network.layers()[l];
    auto w = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), layer.w);
    auto b = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), layer.bias);
    LAS_CHECK(static_cast<int64_t>(w.extent(0)) == weights_[l].numel(), "TorchDcdmNet::copy_from: layer size");
    weights_[l].copy_(torch::from_blob(w.data(), weights_[l].sizes(), torch::kFloat32));
    biases_[l].copy_(torch::from_blob(b.data(), biases_[l].sizes(), torch::kFloat32));
  }
}

void TorchDcdmNetImpl::copy_to(DcdmNetwork& network) const {
  LAS_CHECK(network.layers().size() == weights_.size(), "TorchDcdmNet::copy_to: another architecture");
  for (size_t l = 0; l < weights_.size(); ++l) {
    auto& layer = network.layers()[l];
    const torch::Tensor w = weights_[l].detach().contiguous().to(torch::kFloat32);
    const torch::Tensor b = biases_[l].detach().contiguous().to(torch::kFloat32);
    auto wh = Kokkos::create_mirror_view(layer.w);
    auto bh = Kokkos::create_mirror_view(layer.bias);
    std::copy(w.data_ptr<float>(), w.data_ptr<float>() + w.numel(), wh.data());
    std::copy(b.data_ptr<float>(), b.data_ptr<float>() + b.numel(), bh.data());
    Kokkos::deep_copy(layer.w, wh);
    Kokkos::deep_copy(layer.bias, bh);
  }
}

}  // namespace las::nn
