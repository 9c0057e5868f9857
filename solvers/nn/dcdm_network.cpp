// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/dcdm_network.hpp"

#include <cmath>

#include "kernels/nn.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/field_halo.hpp"
#include "solvers/learning/rng.hpp"

namespace las::nn {
namespace {

kernels::NnGrid block_of(const BoxGrid& grid) {
  kernels::NnGrid g;
  g.dim = grid.dim();
  g.nx = grid.local_extent()[0];
  g.ny = grid.local_extent()[1];
  g.nz = grid.local_extent()[2];
  return g;
}

// One residual pair: a = relu(conv_2(relu(conv_1(a)))) + a, with b as scratch.
void residual_pair(const BoxGrid& grid, const kernels::ConvWeights& first, const kernels::ConvWeights& second,
                   const kernels::NnField& a, const kernels::NnField& b) {
  exchange_field_ghosts(grid, a);
  kernels::conv(first, a, b, kernels::Activation::relu);
  exchange_field_ghosts(grid, b);
  kernels::conv(second, b, a, kernels::Activation::relu, &a);
}

}  // namespace

NetworkWorkspace::NetworkWorkspace(const BoxGrid& grid, const NetworkArchitecture& arch) {
  kernels::NnGrid level = block_of(grid);
  input = kernels::make_nn_field("las::nn_input", level, 1);
  output = kernels::make_nn_field("las::nn_output", level, 1);
  for (int l = 0; l <= arch.levels; ++l) {
    if (l > 0) {
      // Agreed on every rank, so no rank goes on alone into the next collective call.
      if (grid.comm().any(!kernels::poolable(level))) {
        throw InputError("network: pooling level " + std::to_string(l) + " of " + std::to_string(arch.levels) +
                         " needs an even block on every rank, but " + grid.description() +
                         " gives an odd one (make each size a multiple of " + std::to_string(1 << arch.levels) +
                         " x the ranks on its axis)");
      }
      level = kernels::coarsened(level);
    }
    a.push_back(kernels::make_nn_field("las::nn_level" + std::to_string(l) + "_a", level, arch.channels));
    b.push_back(kernels::make_nn_field("las::nn_level" + std::to_string(l) + "_b", level, arch.channels));
  }
}

DcdmNetwork::DcdmNetwork(const NetworkArchitecture& arch) : arch_(arch) {
  arch.validate();
  const int c = arch.channels;
  layers_.push_back(kernels::make_conv_weights("las::nn_first", arch.dim, 3, 1, c));
  for (int l = 0; l < 2 * arch.pair_count(); ++l) {
    layers_.push_back(kernels::make_conv_weights("las::nn_layer" + std::to_string(l + 1), arch.dim, 3, c, c));
  }
  layers_.push_back(kernels::make_conv_weights("las::nn_last", arch.dim, 1, c, 1));
}

DcdmNetwork DcdmNetwork::random(const NetworkArchitecture& arch, std::uint64_t seed) {
  DcdmNetwork net(arch);
  learning::Rng rng(seed);
  for (auto& layer : net.layers_) {
    // Uniform with variance 1 / (2 fan_in): He scaling halved, so the residual pairs'
    // sums stay O(1) through the stack.
    const double bound = std::sqrt(1.5 / (layer.taps() * layer.c_in));
    auto w = Kokkos::create_mirror_view(layer.w);
    for (size_t q = 0; q < w.extent(0); ++q) w(q) = static_cast<float>(bound * (2 * rng.uniform() - 1));
    Kokkos::deep_copy(layer.w, w);
    auto b = Kokkos::create_mirror_view(layer.bias);
    for (size_t q = 0; q < b.extent(0); ++q) b(q) = static_cast<float>(0.1 * (2 * rng.uniform() - 1));
    Kokkos::deep_copy(layer.bias, b);
  }
  return net;
}

void DcdmNetwork::forward(const BoxGrid& grid, NetworkWorkspace& w, const DistVector& x, double scale,
                          DistVector& y) const {
  LAS_CHECK(x.local_size() == grid.local_cells() && y.local_size() == grid.local_cells(),
            "DcdmNetwork::forward: vectors do not match the grid");
  size_t l = 0;
  auto pairs = [&](int count, int level) {
    for (int p = 0; p < count; ++p, l += 2) residual_pair(grid, layers_[l], layers_[l + 1], w.a[level], w.b[level]);
  };
  kernels::load_channel(x.view(), scale, w.input, 0);
  exchange_field_ghosts(grid, w.input);
  kernels::conv(layers_[l++], w.input, w.a[0]);  // linear first layer
  for (int level = 0; level < arch_.levels; ++level) {
    pairs(arch_.pairs_before, level);
    kernels::avg_pool2(w.a[level], w.a[level + 1]);
  }
  pairs(arch_.pairs_coarse, arch_.levels);
  for (int level = arch_.levels - 1; level >= 0; --level) {
    kernels::upsample2_add(w.a[level + 1], w.a[level], w.a[level]);
    pairs(arch_.pairs_after, level);
  }
  kernels::conv(layers_[l], w.a[0], w.output);  // per-cell linear output (1x1: no ghosts)
  kernels::store_channel(w.output, 0, 1.0, y.view());
}

}  // namespace las::nn
