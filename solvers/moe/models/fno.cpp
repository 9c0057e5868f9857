// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/fno.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "solvers/core/error.hpp"

namespace las::moe {
namespace {

// "bixy,ioxy->boxy" for d = 2: batch and channel contraction at every kept frequency.
std::string mode_product_equation(int dims) {
  const std::string axes = std::string("xyz").substr(0, static_cast<std::size_t>(dims));
  return "bi" + axes + ",io" + axes + "->bo" + axes;
}

void check_positive(int value, const char* key, int minimum) {
  if (value < minimum)
    throw ConfigError(std::string("fno.") + key + " must be >= " + std::to_string(minimum) + ", got " +
                      std::to_string(value));
}

}  // namespace

FnoOptions FnoOptions::small() { return FnoOptions{}; }

FnoOptions FnoOptions::paper_diffusion_sorption() {
  FnoOptions o;
  o.dims = 2;
  o.layers = 5;
  o.modes = 8;
  o.width = 64;
  o.fc_width = 128;
  o.in_channels = 3;
  o.out_channels = 16;
  return o;
}

void FnoOptions::validate() const {
  if (dims < 1 || dims > 3) throw ConfigError("fno.dims must be 1, 2 or 3, got " + std::to_string(dims));
  check_positive(layers, "layers", 1);
  check_positive(modes, "modes", 1);
  check_positive(width, "width", 1);
  check_positive(fc_width, "fc_width", 1);
  check_positive(in_channels, "in_channels", 1);
  check_positive(out_channels, "out_channels", 1);
}

int64_t kept_modes(int64_t modes, int64_t n, bool last_dim) {
  return std::min(modes, last_dim ? n / 2 + 1 : n / 2);
}

torch::Tensor spectral_convolution(const torch::Tensor& x, const std::vector<torch::Tensor>& weights) {
  LAS_CHECK(!weights.empty(), "spectral_convolution: no weights");
  const int dims = static_cast<int>(weights[0].dim()) - 2;
  LAS_CHECK(dims >= 1 && dims <= 3 && weights.size() == (std::size_t{1} << (dims - 1)),
            "spectral_convolution: expected 2^(d-1) weight blocks [in, out, m...], got " << weights.size()
                                                                                         << " of rank "
                                                                                         << weights[0].dim());
  LAS_CHECK(x.dim() == dims + 2 && x.size(1) == weights[0].size(0),
            "spectral_convolution: x must be [B, " << weights[0].size(0) << ", s_1..s_" << dims << "], got "
                                                    << x.sizes());
  std::vector<int64_t> fft_dims, sizes;
  for (int i = 0; i < dims; ++i) {
    fft_dims.push_back(2 + i);
    sizes.push_back(x.size(2 + i));
  }
  const torch::Tensor x_ft = torch::fft::rfftn(x, c10::nullopt, fft_dims);
  std::vector<int64_t> out_shape = {x.size(0), weights[0].size(1)};
  for (int i = 0; i < dims; ++i) out_shape.push_back(x_ft.size(2 + i));
  torch::Tensor out_ft = torch::zeros(out_shape, x_ft.options());

  const std::string equation = mode_product_equation(dims);
  for (std::size_t corner = 0; corner < weights.size(); ++corner) {
    torch::Tensor in_block = x_ft, out_block = out_ft, w = weights[corner];
    for (int i = 0; i < dims; ++i) {
      const bool last = i == dims - 1;
      const int64_t m = kept_modes(w.size(2 + i), sizes[static_cast<std::size_t>(i)], last);
      const bool negative = !last && ((corner >> i) & 1U);
      const int64_t start = negative ? x_ft.size(2 + i) - m : 0;
      in_block = in_block.narrow(2 + i, start, m);
      out_block = out_block.narrow(2 + i, start, m);
      w = w.narrow(2 + i, 0, m);
    }
    out_block.copy_(torch::einsum(equation, {in_block, w}));
  }
  return torch::fft::irfftn(out_ft, sizes, fft_dims);
}

SpectralConvImpl::SpectralConvImpl(int dims, int in_channels, int out_channels, int modes) {
  LAS_CHECK(dims >= 1 && dims <= 3 && in_channels > 0 && out_channels > 0 && modes > 0,
            "SpectralConv: bad sizes");
  std::vector<int64_t> shape = {in_channels, out_channels};
  for (int i = 0; i < dims; ++i) shape.push_back(modes);
  shape.push_back(2);  // real, imaginary
  const double scale = 1.0 / std::sqrt(0.5 * (in_channels + out_channels));
  for (int c = 0; c < (1 << (dims - 1)); ++c)
    weights_.push_back(register_parameter("weight" + std::to_string(c), scale * torch::randn(shape)));
}

std::vector<torch::Tensor> SpectralConvImpl::complex_weights() const {
  std::vector<torch::Tensor> w;
  for (const auto& p : weights_) w.push_back(torch::view_as_complex(p));
  return w;
}

torch::Tensor SpectralConvImpl::forward(const torch::Tensor& x) { return spectral_convolution(x, complex_weights()); }

FnoImpl::FnoImpl(const FnoOptions& options) : options_(options) {
  options.validate();
  lift_ = register_module("lift", torch::nn::Linear(options.in_channels, options.width));
  for (int l = 0; l < options.layers; ++l) {
    spectral_.push_back(register_module("spectral" + std::to_string(l),
                                        SpectralConv(options.dims, options.width, options.width, options.modes)));
    skip_.push_back(register_module("skip" + std::to_string(l), torch::nn::Linear(options.width, options.width)));
  }
  fc1_ = register_module("fc1", torch::nn::Linear(options.width, options.fc_width));
  fc2_ = register_module("fc2", torch::nn::Linear(options.fc_width, options.out_channels));
}

torch::Tensor FnoImpl::forward(const torch::Tensor& x) {
  LAS_CHECK(x.dim() == options_.dims + 2 && x.size(-1) == options_.in_channels,
            "Fno: input must be [B, s_1..s_" << options_.dims << ", " << options_.in_channels << "], got "
                                             << x.sizes());
  // Channels-first inside the Fourier layers (the FFT runs over dims 2..d+1), channels-last
  // for the pointwise linear maps.
  torch::Tensor h = lift_(x).movedim(-1, 1);
  for (std::size_t l = 0; l < spectral_.size(); ++l) {
    h = spectral_[l](h) + skip_[l](h.movedim(1, -1)).movedim(-1, 1);
    if (l + 1 < spectral_.size()) h = torch::gelu(h);
  }
  return fc2_(torch::gelu(fc1_(h.movedim(1, -1))));
}

}  // namespace las::moe
