// SPDX-License-Identifier: BSD-3-Clause
// Packing boxes of a network feature map (kernels/nn_field.hpp) into contiguous buffers
// and back, for the ghost-layer exchange between ranks (solvers/core/field_halo).
#pragma once

#include "kernels/nn_field.hpp"

namespace las::kernels {

/// A box of cells in a field's padded index space: [lo, hi) per axis, indices from -1
/// (ghost) to n (ghost). 2D fields use lo[2] = 0, hi[2] = 1.
struct NnBox {
  int lo[3] = {0, 0, 0};
  int hi[3] = {1, 1, 1};
  KOKKOS_INLINE_FUNCTION size_t cells() const {
    return size_t(hi[0] - lo[0]) * size_t(hi[1] - lo[1]) * size_t(hi[2] - lo[2]);
  }
};

namespace impl {

template <class Copy>
void for_each_box_cell(const char* label, const NnField& f, const NnBox& box, const Copy& copy) {
  const NnGrid g = f.grid;
  const NnBox b = box;
  const size_t per_channel = b.cells();
  const size_t stride = g.channel_stride();
  Kokkos::parallel_for(
      label, Kokkos::RangePolicy<ExecSpace>(0, per_channel * size_t(f.channels)), KOKKOS_LAMBDA(size_t q) {
        const size_t c = q / per_channel;
        size_t r = q % per_channel;
        const int ex = b.hi[0] - b.lo[0], ey = b.hi[1] - b.lo[1];
        const int i = b.lo[0] + int(r % size_t(ex));
        r /= size_t(ex);
        const int j = b.lo[1] + int(r % size_t(ey));
        const int k = b.lo[2] + int(r / size_t(ey));
        copy(q, c * stride + g.at(i, j, k));
      });
}

}  // namespace impl

/// buffer[c * |box| + cell] = field(c, cell) for every channel c and cell of `box`.
inline void pack_nn_box(const NnField& f, const NnBox& box, const FloatArray& buffer) {
  const float* d = f.data.data();
  float* out = buffer.data();
  impl::for_each_box_cell("las::nn_pack_box", f, box, [=] KOKKOS_FUNCTION(size_t q, size_t p) { out[q] = d[p]; });
}

/// field(c, cell) = buffer[c * |box| + cell] (the inverse of pack_nn_box).
inline void unpack_nn_box(const FloatArray& buffer, const NnField& f, const NnBox& box) {
  float* d = f.data.data();
  const float* in = buffer.data();
  impl::for_each_box_cell("las::nn_unpack_box", f, box, [=] KOKKOS_FUNCTION(size_t q, size_t p) { d[p] = in[q]; });
}

/// field(c, cell) = 0 on `box` (ghosts on a physical boundary: zero padding).
inline void zero_nn_box(const NnField& f, const NnBox& box) {
  float* d = f.data.data();
  impl::for_each_box_cell("las::nn_zero_box", f, box, [=] KOKKOS_FUNCTION(size_t, size_t p) { d[p] = 0.0f; });
}

}  // namespace las::kernels
