// SPDX-License-Identifier: BSD-3-Clause
// The network's one resolution level (DCDM, Kaneda et al. 2023): 2x average pooling
// down, and 2x nearest-neighbour upsampling added back to the full-resolution skip
// connection (Keras UpSampling3D((2,2,2)) + Add). Interior cells only; ghost layers are
// left alone. Block extents must be even (nn_field.hpp: coarsened() throws otherwise),
// so a pooling cell never straddles two ranks.
#pragma once

#include "kernels/nn_field.hpp"

namespace las::kernels {

namespace impl {
inline void check_levels(const NnField& fine, const NnField& coarse, const char* who) {
  const NnGrid c = coarsened(fine.grid);  // throws on odd extents
  if (coarse.grid.dim != c.dim || coarse.grid.nx != c.nx || coarse.grid.ny != c.ny ||
      coarse.grid.nz != c.nz || coarse.channels != fine.channels)
    throw std::invalid_argument(std::string("las::kernels::") + who +
                                ": coarse field must have the fine grid halved and the same channels");
}
}  // namespace impl

/// coarse(c, I) = mean of the 2^dim fine cells 2I + {0,1}^dim.
inline void avg_pool2(const NnField& fine, const NnField& coarse) {
  impl::check_levels(fine, coarse, "avg_pool2");
  const NnGrid gf = fine.grid, gc = coarse.grid;
  const float* f = fine.data.data();
  float* c = coarse.data.data();
  const size_t fcs = gf.channel_stride(), ccs = gc.channel_stride();
  const size_t frow = size_t(gf.sx()), fplane = gf.plane();
  const bool d3 = gf.dim == 3;
  const float scale = d3 ? 0.125f : 0.25f;
  // One index per coarse x row: the inner loop runs along x.
  const size_t rows = size_t(coarse.channels) * size_t(gc.ny) * size_t(gc.nz);
  Kokkos::parallel_for(
      "las::nn_avg_pool2", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t r) {
        const int J = int(r % size_t(gc.ny));
        const int K = int((r / size_t(gc.ny)) % size_t(gc.nz));
        const size_t ch = r / (size_t(gc.ny) * size_t(gc.nz));
        const float* f0 = f + ch * fcs + gf.at(0, 2 * J, 2 * K);
        float* c0 = c + ch * ccs + gc.at(0, J, K);
        for (int I = 0; I < gc.nx; ++I) {
          const float* q = f0 + 2 * I;
          float s = (q[0] + q[1]) + (q[frow] + q[frow + 1]);
          if (d3) s += (q[fplane] + q[fplane + 1]) + (q[fplane + frow] + q[fplane + frow + 1]);
          c0[I] = scale * s;
        }
      });
}

/// out(c, i) = coarse(c, i / 2) + skip(c, i): nearest upsampling added to the skip
/// connection. `out` may be `skip` (in-place add-back).
inline void upsample2_add(const NnField& coarse, const NnField& skip, const NnField& out) {
  impl::check_levels(skip, coarse, "upsample2_add");
  if (out.channels != skip.channels || out.grid.nx != skip.grid.nx || out.grid.ny != skip.grid.ny ||
      out.grid.nz != skip.grid.nz || out.grid.dim != skip.grid.dim)
    throw std::invalid_argument("las::kernels::upsample2_add: output shape differs from the skip field");
  const NnGrid gf = out.grid, gc = coarse.grid;
  const float* c = coarse.data.data();
  const float* s = skip.data.data();
  float* o = out.data.data();
  const size_t fcs = gf.channel_stride(), ccs = gc.channel_stride();
  const size_t rows = size_t(out.channels) * size_t(gf.ny) * size_t(gf.nz);
  Kokkos::parallel_for(
      "las::nn_upsample2_add", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t r) {
        const int j = int(r % size_t(gf.ny));
        const int k = int((r / size_t(gf.ny)) % size_t(gf.nz));
        const size_t ch = r / (size_t(gf.ny) * size_t(gf.nz));
        const size_t fo = ch * fcs + gf.at(0, j, k);
        const float* c0 = c + ch * ccs + gc.at(0, j / 2, k / 2);
        for (int i = 0; i < gf.nx; ++i) o[fo + i] = c0[i / 2] + s[fo + i];
      });
}

}  // namespace las::kernels
