// SPDX-License-Identifier: BSD-3-Clause
// Multi-channel float32 feature maps of the learned-CG network (DCDM) on one rank's
// block, with a one-cell ghost layer, and the helpers that move data in and out.
//
// Layout: channel-major ("NCHW"), each channel a padded (nx+2)(ny+2)(nz+2) box
// (2D: (nx+2)(ny+2), no z padding), x fastest:
//
//   value(c, i, j, k) = data[c * channel_stride + (i+1) + sx * ((j+1) + sy * (k+1))]
//
// for i in [-1, nx], j in [-1, ny], k in [-1, nz] (2D: k == 0 and the "+1" on k drops).
// Why channel-major and not cell-major ("NHWC", channels fastest):
//   - CPU: the 3x3(x3) convolution vectorises along x, the one axis whose length does
//     not depend on the network: the first layer (C_in = 1) and the output (C_out = 1)
//     run at full vector width, where cell-major would leave 15 of 16 lanes idle there.
//     A 3-tap x stencil is then three unaligned loads of one row.
//   - GPU: one thread per x cell reads consecutive addresses for every (channel, tap),
//     so loads coalesce whatever the channel count.
//   - Halo exchange packs each channel's faces exactly like the scalar fields of
//     kernels/halo_pack.hpp do.
// The ghost layer makes the convolution branch-free: at a physical boundary it holds
// zeros ('same' zero padding); at a rank interface the caller fills it from the
// neighbour (solvers/core/field_halo). Kernels write interior cells only.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "kernels/common/spaces.hpp"

namespace las::kernels {

using FloatArray = Array<float>;
using ConstFloatArray = ConstArray<float>;

/// Extent of one rank's block for the network (interior cells) and its padded strides.
struct NnGrid {
  int dim = 3;  ///< 2 or 3; a 2D grid has nz == 1
  int nx = 1, ny = 1, nz = 1;

  KOKKOS_INLINE_FUNCTION int sx() const { return nx + 2; }
  KOKKOS_INLINE_FUNCTION int sy() const { return ny + 2; }
  KOKKOS_INLINE_FUNCTION int sz() const { return dim == 3 ? nz + 2 : 1; }
  KOKKOS_INLINE_FUNCTION size_t plane() const { return size_t(sx()) * size_t(sy()); }
  KOKKOS_INLINE_FUNCTION size_t channel_stride() const { return plane() * size_t(sz()); }
  KOKKOS_INLINE_FUNCTION size_t cells() const { return size_t(nx) * size_t(ny) * size_t(nz); }
  /// Offset within a channel of cell (i, j, k); indices may be -1 or n (ghosts).
  KOKKOS_INLINE_FUNCTION size_t at(int i, int j, int k) const {
    return size_t(i + 1) + size_t(sx()) * (size_t(j + 1) + size_t(sy()) * size_t(dim == 3 ? k + 1 : 0));
  }
};

/// A feature map: `channels` channels on `grid`, layout above. Copies share data.
struct NnField {
  NnGrid grid;
  int channels = 0;
  FloatArray data;

  size_t size() const { return grid.channel_stride() * size_t(channels); }
};

/// True when every interior extent is even, so a 2x pool tiles the block exactly.
inline bool poolable(const NnGrid& g) {
  return g.nx % 2 == 0 && g.ny % 2 == 0 && (g.dim == 2 || g.nz % 2 == 0);
}

/// The grid with every interior extent halved (the average-pool level). Throws
/// std::invalid_argument when an extent is odd: a 2x pool needs even sub-domains.
inline NnGrid coarsened(const NnGrid& g) {
  if (!poolable(g))
    throw std::invalid_argument(
        "las::kernels::coarsened: the 2x pooling level needs even block extents, got " +
        std::to_string(g.nx) + "x" + std::to_string(g.ny) +
        (g.dim == 3 ? "x" + std::to_string(g.nz) : std::string()));
  NnGrid c = g;
  c.nx = g.nx / 2;
  c.ny = g.ny / 2;
  c.nz = g.dim == 3 ? g.nz / 2 : 1;
  return c;
}

/// A zero-initialised feature map (ghost layer included).
inline NnField make_nn_field(const std::string& label, const NnGrid& grid, int channels) {
  if (grid.dim != 2 && grid.dim != 3) throw std::invalid_argument("make_nn_field: dim must be 2 or 3");
  if (grid.dim == 2 && grid.nz != 1) throw std::invalid_argument("make_nn_field: a 2D grid has nz == 1");
  if (grid.nx < 1 || grid.ny < 1 || grid.nz < 1 || channels < 1)
    throw std::invalid_argument("make_nn_field: extents and channel count must be >= 1");
  NnField f;
  f.grid = grid;
  f.channels = channels;
  f.data = FloatArray(label, f.size());
  return f;
}

/// Sets every ghost cell of every channel to zero: 'same' zero padding on a block
/// whose faces are all physical boundaries. One parallel index per padded x row:
/// rows in the ghost y/z layers are zeroed whole, interior rows at their two ends.
inline void fill_ghosts_zero(const NnField& f) {
  const NnGrid g = f.grid;
  float* d = f.data.data();
  const size_t rows = size_t(f.channels) * size_t(g.sz()) * size_t(g.sy());
  Kokkos::parallel_for(
      "las::nn_fill_ghosts_zero", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t r) {
        const int jp = int(r % size_t(g.sy()));
        const int kp = int((r / size_t(g.sy())) % size_t(g.sz()));
        float* row = d + r * size_t(g.sx());
        const bool ghost_row =
            jp == 0 || jp == g.ny + 1 || (g.dim == 3 && (kp == 0 || kp == g.nz + 1));
        if (ghost_row) {
          for (int i = 0; i < g.sx(); ++i) row[i] = 0.0f;
        } else {
          row[0] = 0.0f;
          row[g.nx + 1] = 0.0f;
        }
      });
}

/// f(channel, interior) = scale * x, x stored compactly (x fastest, no ghosts: the
/// layout of DistVector / stencil.hpp). Converts the Krylov loop's doubles to float.
inline void load_channel(const ConstVector& x, double scale, const NnField& f, int channel) {
  const NnGrid g = f.grid;
  float* d = f.data.data() + size_t(channel) * g.channel_stride();
  Kokkos::parallel_for(
      "las::nn_load_channel", Kokkos::RangePolicy<ExecSpace>(0, g.cells()), KOKKOS_LAMBDA(size_t p) {
        const int i = int(p % size_t(g.nx));
        const int j = int((p / size_t(g.nx)) % size_t(g.ny));
        const int k = int(p / (size_t(g.nx) * size_t(g.ny)));
        d[g.at(i, j, k)] = float(scale * x(p));
      });
}

/// y = scale * f(channel, interior), y compact as in load_channel.
inline void store_channel(const NnField& f, int channel, double scale, const Vector& y) {
  const NnGrid g = f.grid;
  const float* d = f.data.data() + size_t(channel) * g.channel_stride();
  Kokkos::parallel_for(
      "las::nn_store_channel", Kokkos::RangePolicy<ExecSpace>(0, g.cells()), KOKKOS_LAMBDA(size_t p) {
        const int i = int(p % size_t(g.nx));
        const int j = int((p / size_t(g.nx)) % size_t(g.ny));
        const int k = int(p / (size_t(g.nx) * size_t(g.ny)));
        y(p) = scale * double(d[g.at(i, j, k)]);
      });
}

}  // namespace las::kernels
