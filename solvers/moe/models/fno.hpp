// SPDX-License-Identifier: BSD-3-Clause
// Fourier neural operator (Li et al., ICLR 2021) in 1D, 2D or 3D: the basis network of
// PI-HC-MoE (Chalapathi, Du, Krishnapriyan, ICLR 2024) and the network of its PI-SC
// baseline. Layout is channels-last, as the authors' FNO2D:
//
//   x [B, s_1..s_d, in_channels] -> lift (pointwise linear, in -> width)
//     -> L Fourier layers  h <- SpectralConv(h) + W h   (GELU between layers, none after
//        the last, as the reference FNO; the authors' FNO2D also applies it after the last)
//     -> projection: pointwise linear width -> fc_width, GELU, linear fc_width -> out
//   -> [B, s_1..s_d, out_channels]
//
// SpectralConv: real FFT over the d spatial dims (torch::fft::rfftn, the last one halved),
// complex weights on the lowest `modes` frequencies of every dim, both the positive
// [0, m) and the negative [n - m, n) ones of all but the last (rfft) dim: 2^(d-1) weight
// blocks [in, out, m, ..., m]; every other frequency is zeroed; inverse rfftn back. A grid
// too small for `modes` uses m = min(modes, n/2) (n/2 + 1 on the last dim) so that the
// positive and negative blocks never overlap.
//
// Float32 throughout (the callers move features to float64 for the hard-constraint
// layer). The weights are drawn from torch's global generator: seed it (torch::manual_seed)
// before construction for a reproducible network. Include only from LibTorch translation
// units.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

namespace las::moe {

struct FnoOptions {
  int dims = 2;           ///< spatial (or space-time) dimensions of the input grid: 1, 2 or 3
  int layers = 4;         ///< Fourier layers L
  int modes = 6;          ///< kept frequencies per dim (and sign, but for the last dim)
  int width = 16;         ///< channels inside the Fourier layers
  int fc_width = 32;      ///< hidden width of the projection
  int in_channels = 3;    ///< input channels (diffusion–sorption: u0, t, x)
  int out_channels = 16;  ///< output channels (the N basis functions; 1 for PI-SC)

  /// The default above: trains on a 2-core CPU in minutes.
  static FnoOptions small();
  /// The paper's diffusion–sorption basis network: 2D, 5 layers, 8 modes, width 64,
  /// FC 128, 3 inputs, N = 16 outputs (configs/models/fno2d-64-8m-hard-constraint-moe.yaml).
  static FnoOptions paper_diffusion_sorption();
  /// Throws las::ConfigError naming the first bad field ("fno.modes must be >= 1, got 0").
  void validate() const;
};

/// The modes actually kept along one dim of n points: min(modes, n/2), or
/// min(modes, n/2 + 1) on the last (rfft) dim.
int64_t kept_modes(int64_t modes, int64_t n, bool last_dim);

/// The spectral convolution of x [B, C_in, s_1..s_d] (real, d = weights[0].dim() - 2)
/// with complex weights: weights[c] is [C_in, C_out, m_1..m_d] for corner c of the
/// frequency box, bit i of c (i < d - 1) selecting the negative frequencies of dim i.
/// Weights larger than kept_modes() are cut to the grid. Returns [B, C_out, s_1..s_d] in
/// x's dtype. A free function so that tests can compare it with a naive DFT.
torch::Tensor spectral_convolution(const torch::Tensor& x, const std::vector<torch::Tensor>& weights);

/// One spectral convolution layer with its 2^(d-1) complex weight blocks, stored as real
/// parameters [..., 2] (torch::optim::Adam has no complex support in LibTorch 1.13) and
/// initialised as the authors do: normal, scale 1 / sqrt((in + out) / 2).
class SpectralConvImpl : public torch::nn::Module {
 public:
  SpectralConvImpl(int dims, int in_channels, int out_channels, int modes);
  torch::Tensor forward(const torch::Tensor& x);
  /// The complex weight blocks (views of the parameters).
  std::vector<torch::Tensor> complex_weights() const;

 private:
  std::vector<torch::Tensor> weights_;
};
TORCH_MODULE(SpectralConv);

class FnoImpl : public torch::nn::Module {
 public:
  explicit FnoImpl(const FnoOptions& options);
  /// x [B, s_1..s_d, in_channels] float32 -> [B, s_1..s_d, out_channels]. Throws
  /// las::Error on another rank or channel count.
  torch::Tensor forward(const torch::Tensor& x);
  const FnoOptions& options() const { return options_; }
  const SpectralConv& spectral(int layer) const { return spectral_.at(static_cast<std::size_t>(layer)); }

 private:
  FnoOptions options_;
  torch::nn::Linear lift_{nullptr}, fc1_{nullptr}, fc2_{nullptr};
  std::vector<SpectralConv> spectral_;
  std::vector<torch::nn::Linear> skip_;
};
TORCH_MODULE(Fno);

}  // namespace las::moe
