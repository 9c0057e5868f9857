// SPDX-License-Identifier: BSD-3-Clause
// The FNO's spectral convolution against a naive DFT written out here (1D and 2D, with a
// grid small enough that the kept modes are clamped), the modes truncation (a field with
// only high frequencies gives zero through the spectral branch), and the output shapes.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/fno.hpp"

namespace las::moe {
namespace {

using cplx = std::complex<double>;
constexpr double kPi = 3.14159265358979323846;

// y[b, o, a, c] = (1/(n1 n2)) Re Σ_{k1 kept} Σ_{k2 < m2} w(k2) Y[k1, k2] e^{2πi(k1 a/n1 + k2 c/n2)},
// Y = Σ_i W[corner][i, o, k1', k2] X_i[k1, k2], X_i the naive DFT of x[b, i]; w(k2) = 1 for
// k2 = 0 and 2 otherwise (the Hermitian half spectrum; m2 < n2 / 2 keeps no Nyquist term).
// A 1D problem is n1 = 1, m1 = 1 with one corner.
torch::Tensor naive_spectral_convolution(const torch::Tensor& x4, const std::vector<torch::Tensor>& w4, int64_t m1,
                                         int64_t m2) {
  const int64_t batch = x4.size(0), cin = x4.size(1), n1 = x4.size(2), n2 = x4.size(3), cout = w4[0].size(1);
  torch::Tensor y = torch::zeros({batch, cout, n1, n2}, torch::kFloat64);
  auto xa = x4.accessor<double, 4>();
  auto ya = y.accessor<double, 4>();
  std::vector<int64_t> k1s;
  for (int64_t k = 0; k < m1; ++k) k1s.push_back(k);
  if (w4.size() > 1)
    for (int64_t k = n1 - m1; k < n1; ++k) k1s.push_back(k);
  for (int64_t b = 0; b < batch; ++b)
    for (const int64_t k1 : k1s)
      for (int64_t k2 = 0; k2 < m2; ++k2) {
        const std::size_t corner = k1 < m1 ? 0 : 1;
        const int64_t j1 = corner == 0 ? k1 : k1 - (n1 - m1);
        std::vector<cplx> xk(static_cast<std::size_t>(cin));
        for (int64_t i = 0; i < cin; ++i)
          for (int64_t a = 0; a < n1; ++a)
            for (int64_t c = 0; c < n2; ++c)
              xk[static_cast<std::size_t>(i)] +=
                  xa[b][i][a][c] * std::exp(cplx(0, -2 * kPi * (double(k1 * a) / n1 + double(k2 * c) / n2)));
        for (int64_t o = 0; o < cout; ++o) {
          cplx yk = 0;
          for (int64_t i = 0; i < cin; ++i) {
            const auto wv = w4[corner][i][o][j1][k2].item<c10::complex<double>>();
            yk += xk[static_cast<std::size_t>(i)] * cplx(wv.real(), wv.imag());
          }
          const double weight = k2 == 0 ? 1.0 : 2.0;
          for (int64_t a = 0; a < n1; ++a)
            for (int64_t c = 0; c < n2; ++c)
              ya[b][o][a][c] += weight / double(n1 * n2) *
                                (yk * std::exp(cplx(0, 2 * kPi * (double(k1 * a) / n1 + double(k2 * c) / n2)))).real();
        }
      }
  return y;
}

torch::Tensor random_complex(const std::vector<int64_t>& shape) {
  return torch::complex(torch::randn(shape, torch::kFloat64), torch::randn(shape, torch::kFloat64));
}

TEST(Fno, SpectralConvolution2dMatchesNaiveDft) {
  torch::manual_seed(11);
  // n1 = 5 holds only 2 modes per sign (5/2): the weights' third mode must be cut.
  const torch::Tensor x = torch::randn({2, 3, 5, 10}, torch::kFloat64);
  const std::vector<torch::Tensor> w = {random_complex({3, 2, 3, 3}), random_complex({3, 2, 3, 3})};
  EXPECT_EQ(kept_modes(3, 5, false), 2);
  EXPECT_EQ(kept_modes(3, 10, true), 3);
  const torch::Tensor fast = spectral_convolution(x, w);
  const torch::Tensor naive = naive_spectral_convolution(x, w, 2, 3);
  ASSERT_EQ(fast.sizes(), naive.sizes());
  EXPECT_LE((fast - naive).abs().max().item<double>(), 1e-12 * naive.abs().max().item<double>());
}

TEST(Fno, SpectralConvolution1dMatchesNaiveDft) {
  torch::manual_seed(12);
  const torch::Tensor x = torch::randn({3, 2, 13}, torch::kFloat64);
  const std::vector<torch::Tensor> w = {random_complex({2, 4, 4})};
  const torch::Tensor fast = spectral_convolution(x, w);
  const torch::Tensor naive = naive_spectral_convolution(x.unsqueeze(2), {w[0].unsqueeze(2)}, 1, 4).squeeze(2);
  ASSERT_EQ(fast.sizes(), naive.sizes());
  EXPECT_LE((fast - naive).abs().max().item<double>(), 1e-12 * naive.abs().max().item<double>());
}

TEST(Fno, HighFrequenciesDoNotPassTheSpectralBranch) {
  torch::manual_seed(13);
  SpectralConv conv(2, 2, 3, 2);  // keeps |k1| < 2 and k2 < 2
  const int64_t n = 16;
  const torch::Tensor a = torch::arange(n, torch::kFloat32).view({n, 1});
  const torch::Tensor c = torch::arange(n, torch::kFloat32).view({1, n});
  auto field = [&](double k1, double k2) {
    const torch::Tensor f = torch::cos(2 * kPi * (k1 * a + k2 * c) / n) + torch::sin(2 * kPi * (k1 * a - k2 * c) / n);
    return torch::stack({f, 2 * f}).unsqueeze(0);  // [1, 2, n, n]
  };
  const torch::Tensor high = conv(field(4, 5));  // both frequencies outside the kept box
  const torch::Tensor high_t = conv(field(5, 0));
  const torch::Tensor low = conv(field(1, 1));   // inside: must come through
  EXPECT_LE(high.abs().max().item<double>(), 1e-5);
  EXPECT_LE(high_t.abs().max().item<double>(), 1e-5);
  EXPECT_GE(low.abs().max().item<double>(), 1e-2);
}

TEST(Fno, OutputShapesIn1d2d3d) {
  torch::manual_seed(14);
  FnoOptions o2 = FnoOptions::small();
  Fno fno2(o2);
  EXPECT_EQ(fno2(torch::randn({2, 7, 12, 3})).sizes(), (std::vector<int64_t>{2, 7, 12, 16}));
  FnoOptions o1 = o2;
  o1.dims = 1;
  o1.out_channels = 1;
  EXPECT_EQ(Fno(o1)(torch::randn({3, 20, 3})).sizes(), (std::vector<int64_t>{3, 20, 1}));
  FnoOptions o3 = o2;
  o3.dims = 3;
  o3.layers = 2;
  o3.modes = 2;
  o3.width = 4;
  o3.in_channels = 4;
  EXPECT_EQ(Fno(o3)(torch::randn({1, 6, 5, 4, 4})).sizes(), (std::vector<int64_t>{1, 6, 5, 4, 16}));
  EXPECT_THROW(fno2(torch::randn({2, 7, 12, 2})), Error);  // wrong channel count

  const FnoOptions paper = FnoOptions::paper_diffusion_sorption();
  EXPECT_EQ(paper.layers, 5);
  EXPECT_EQ(paper.modes, 8);
  EXPECT_EQ(paper.width, 64);
  EXPECT_EQ(paper.fc_width, 128);
  EXPECT_EQ(paper.out_channels, 16);
}

TEST(Fno, BadOptionsNameTheKey) {
  FnoOptions o;
  o.modes = 0;
  try {
    o.validate();
    FAIL() << "modes = 0 accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("fno.modes"), std::string::npos) << e.what();
  }
  o = FnoOptions{};
  o.dims = 4;
  EXPECT_THROW(Fno{o}, ConfigError);
}

}  // namespace
}  // namespace las::moe
