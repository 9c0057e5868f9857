// SPDX-License-Identifier: BSD-3-Clause
// Ghost layers of network feature maps across ranks: every ghost cell (faces, edges,
// corners) holds the neighbour's value of the global field, or zero outside the domain;
// and a 3x3(x3) convolution on the distributed field equals the single-rank one.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <tuple>

#include "kernels/nn.hpp"
#include "solvers/core/field_halo.hpp"

namespace las {
namespace {

// The global field: distinct, smooth values per (channel, global cell).
float global_value(int c, long long i, long long j, long long k) {
  return static_cast<float>(std::sin(0.3 * i + 0.7 * j + 1.1 * k + 2.3 * c) + 0.01 * c);
}

kernels::NnGrid local_grid(const BoxGrid& grid) {
  kernels::NnGrid g;
  g.dim = grid.dim();
  g.nx = grid.local_extent()[0];
  g.ny = grid.local_extent()[1];
  g.nz = grid.local_extent()[2];
  return g;
}

// Interior filled from the global field; ghosts left at a sentinel to catch misses.
kernels::NnField make_field(const BoxGrid& grid, int channels) {
  kernels::NnField f = kernels::make_nn_field("test", local_grid(grid), channels);
  auto host = Kokkos::create_mirror_view(f.data);
  const auto& g = f.grid;
  const auto& o = grid.offset();
  for (size_t q = 0; q < host.extent(0); ++q) host(q) = -1234.0f;
  for (int c = 0; c < channels; ++c)
    for (int k = 0; k < g.nz; ++k)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
          host(c * g.channel_stride() + g.at(i, j, k)) = global_value(c, o[0] + i, o[1] + j, o[2] + k);
  Kokkos::deep_copy(f.data, host);
  return f;
}

void expect_ghosts_match_global_field(const BoxGrid& grid, const kernels::NnField& f) {
  auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), f.data);
  const auto& g = f.grid;
  const auto& o = grid.offset();
  const auto& n = grid.global_extent();
  const int klo = g.dim == 3 ? -1 : 0, khi = g.dim == 3 ? g.nz : 0;
  for (int c = 0; c < f.channels; ++c)
    for (int k = klo; k <= khi; ++k)
      for (int j = -1; j <= g.ny; ++j)
        for (int i = -1; i <= g.nx; ++i) {
          const long long gi = o[0] + i, gj = o[1] + j, gk = o[2] + k;
          const bool inside = gi >= 0 && gi < n[0] && gj >= 0 && gj < n[1] && gk >= 0 && gk < n[2];
          const float expected = inside ? global_value(c, gi, gj, gk) : 0.0f;
          ASSERT_EQ(host(c * g.channel_stride() + g.at(i, j, k)), expected)
              << "channel " << c << " cell (" << i << "," << j << "," << k << ") on rank " << grid.comm().rank();
        }
}

// (dimension, axis the ranks are split along).
class FieldHalo : public ::testing::TestWithParam<std::tuple<int, int>> {};

// All ranks along `axis`, so every axis's faces, edges and corners cross a rank
// interface in one of the cases.
std::array<int, 3> split_along(const Comm& comm, int axis) {
  std::array<int, 3> procs{1, 1, 1};
  procs[static_cast<size_t>(axis)] = comm.size();
  return procs;
}

TEST_P(FieldHalo, GhostsHoldNeighbourValuesOrZero) {
  const auto [dim, axis] = GetParam();
  Comm comm;
  const BoxGrid grid(comm, dim, {9, 6, dim == 3 ? 5 : 1}, split_along(comm, axis));
  kernels::NnField f = make_field(grid, 3);
  exchange_field_ghosts(grid, f);
  expect_ghosts_match_global_field(grid, f);
}

TEST_P(FieldHalo, DistributedConvolutionEqualsSingleRank) {
  const auto [dim, axis] = GetParam();
  Comm comm;
  const std::array<long long, 3> n{8, 6, dim == 3 ? 4 : 1};
  const BoxGrid grid(comm, dim, n, split_along(comm, axis));
  const Comm self(MPI_COMM_SELF);
  const BoxGrid whole(self, dim, n);

  kernels::ConvWeights w = kernels::make_conv_weights("w", dim, 3, 2, 4);
  auto wh = Kokkos::create_mirror_view(w.w);
  for (size_t q = 0; q < wh.extent(0); ++q) wh(q) = static_cast<float>(std::cos(0.37 * q));
  Kokkos::deep_copy(w.w, wh);

  auto run = [&](const BoxGrid& g) {
    kernels::NnField in = make_field(g, 2);
    kernels::NnField out = kernels::make_nn_field("out", in.grid, 4);
    exchange_field_ghosts(g, in);
    kernels::conv(w, in, out, kernels::Activation::relu);
    return out;
  };
  const kernels::NnField dist = run(grid);
  const kernels::NnField ref = run(whole);
  auto d = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), dist.data);
  auto r = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ref.data);
  const auto& gd = dist.grid;
  const auto& o = grid.offset();
  for (int c = 0; c < 4; ++c)
    for (int k = 0; k < gd.nz; ++k)
      for (int j = 0; j < gd.ny; ++j)
        for (int i = 0; i < gd.nx; ++i) {
          const float a = d(c * gd.channel_stride() + gd.at(i, j, k));
          const float b = r(c * ref.grid.channel_stride() +
                            ref.grid.at(int(o[0]) + i, int(o[1]) + j, int(o[2]) + k));
          ASSERT_EQ(a, b) << "channel " << c << " cell (" << i << "," << j << "," << k << ")";
        }
}

// Every axis of every dimension.
INSTANTIATE_TEST_SUITE_P(DimsAndSplits, FieldHalo,
                         ::testing::Values(std::make_tuple(2, 0), std::make_tuple(2, 1), std::make_tuple(3, 0),
                                           std::make_tuple(3, 1), std::make_tuple(3, 2)));

}  // namespace
}  // namespace las
