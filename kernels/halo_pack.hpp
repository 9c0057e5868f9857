// SPDX-License-Identifier: BSD-3-Clause
// Gathers one boundary layer of a compactly stored block into a contiguous face
// buffer (for MPI), in the face layouts GhostFaces expects.
#pragma once

#include "kernels/stencil.hpp"

namespace las::kernels {

/// buf = the layer of x at side (0 low, 1 high) of axis (0 x, 1 y, 2 z).
inline void pack_face(const LocalBox& box, int axis, int side, const ConstVector& x,
                      const Vector& buf) {
  const LocalBox b = box;
  // The face is indexed (a, c) with a fastest; map it to the cell (i, j, k).
  const size_t na = axis == 0 ? size_t(b.ny) : size_t(b.nx);
  const size_t nc = axis == 2 ? size_t(b.ny) : size_t(b.nz);
  const int layer = side == 0 ? 0 : (axis == 0 ? b.nx : axis == 1 ? b.ny : b.nz) - 1;
  const int ax = axis;
  Kokkos::parallel_for(
      "las::pack_face", Kokkos::RangePolicy<ExecSpace>(0, na * nc), KOKKOS_LAMBDA(size_t f) {
        const size_t a = f % na;
        const size_t c = f / na;
        size_t i, j, k;
        if (ax == 0) {
          i = size_t(layer), j = a, k = c;
        } else if (ax == 1) {
          i = a, j = size_t(layer), k = c;
        } else {
          i = a, j = c, k = size_t(layer);
        }
        buf(f) = x(i + size_t(b.nx) * (j + size_t(b.ny) * k));
      });
}

/// Number of values on a face of axis `axis`.
KOKKOS_INLINE_FUNCTION size_t face_size(const LocalBox& b, int axis) {
  return axis == 0 ? size_t(b.ny) * b.nz : axis == 1 ? size_t(b.nx) * b.nz : size_t(b.nx) * b.ny;
}

}  // namespace las::kernels
