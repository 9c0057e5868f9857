// SPDX-License-Identifier: BSD-3-Clause
// Matrix-free 5-point (2D) / 7-point (3D) variable-coefficient stencil on one rank's
// block of a structured grid:
//
//   (A u)_p = (sum_f c_f + shift) u_p - sum_f c_f u_nbr(f)
//
// over the 4 or 6 faces f of cell p. Values are stored compactly (x fastest, no ghost
// layer); neighbour values outside the block come from six ghost faces. A face on a
// physical Dirichlet boundary is an all-zero array, so the inner loop never branches on
// boundaries. The loop runs over grid lines (one parallel index per (j,k) line, a
// contiguous inner loop over i) so the compiler vectorises it; the apply can return
// the fused dot x·Ax that CG needs, saving one pass over memory.
#pragma once

#include "kernels/common/spaces.hpp"

namespace las::kernels {

/// Extent of one rank's block, in cells. A 2D block has nz == 1.
struct LocalBox {
  int nx = 1;
  int ny = 1;
  int nz = 1;
  KOKKOS_INLINE_FUNCTION size_t cells() const { return size_t(nx) * ny * nz; }
  KOKKOS_INLINE_FUNCTION size_t lines() const { return size_t(ny) * nz; }
};

/// Ghost values on the six faces of a block. Layouts: west/east (j + ny k),
/// south/north (i + nx k), down/up (i + nx j). In 2D down/up are unused.
struct GhostFaces {
  ConstVector west, east, south, north, down, up;
};

/// Stencil coefficients, already scaled by 1/h^2. Constant: one value per axis.
/// Variable: one value per face; fx has (nx+1) ny nz entries, face i-1/2 of cell (i,j,k)
/// at i + (nx+1)(j + ny k); fy has nx (ny+1) nz entries at i + nx (j + (ny+1) k);
/// fz has nx ny (nz+1) entries at i + nx (j + ny k). `shift` is added to the diagonal.
struct StencilCoefficients {
  bool variable = false;
  double cx = 0, cy = 0, cz = 0;
  ConstVector fx, fy, fz;
  double shift = 0;
};

namespace impl {

/// Per-line pointers: the line itself and its four y/z neighbour lines (from the
/// block or from a ghost face), plus the two x-direction ghost values.
struct LineNeighbours {
  const double* south;
  const double* north;
  const double* down;
  const double* up;
  double west;
  double east;
};

KOKKOS_INLINE_FUNCTION LineNeighbours line_neighbours(const double* xl, int j, int k,
                                                      const LocalBox& b,
                                                      const GhostFaces& g, size_t line) {
  LineNeighbours n;
  n.south = j > 0 ? xl - b.nx : g.south.data() + size_t(k) * b.nx;
  n.north = j < b.ny - 1 ? xl + b.nx : g.north.data() + size_t(k) * b.nx;
  n.down = k > 0 ? xl - size_t(b.nx) * b.ny : g.down.data() + size_t(j) * b.nx;
  n.up = k < b.nz - 1 ? xl + size_t(b.nx) * b.ny : g.up.data() + size_t(j) * b.nx;
  n.west = g.west(line);
  n.east = g.east(line);
  return n;
}

}  // namespace impl

/// y = A x on the block; returns the local x·y when want_dot (else 0).
/// Dim is 2 or 3. Ghost faces must be current for x.
template <int Dim>
double stencil_apply(const LocalBox& box, const StencilCoefficients& c, const ConstVector& x,
                     const GhostFaces& ghosts, const Vector& y, bool want_dot) {
  static_assert(Dim == 2 || Dim == 3, "stencil_apply: Dim must be 2 or 3");
  const LocalBox b = box;
  const GhostFaces g = ghosts;
  const StencilCoefficients coef = c;
  double local_dot = 0;
  Kokkos::parallel_reduce(
      "las::stencil_apply", Kokkos::RangePolicy<ExecSpace>(0, b.lines()),
      KOKKOS_LAMBDA(size_t line, double& acc) {
        const int j = int(line % size_t(b.ny));
        const int k = int(line / size_t(b.ny));
        const double* xl = x.data() + line * b.nx;
        double* yl = y.data() + line * b.nx;
        const impl::LineNeighbours n = impl::line_neighbours(xl, j, k, b, g, line);
        double line_dot = 0;
        if (!coef.variable) {
          const double cx = coef.cx, cy = coef.cy, cz = Dim == 3 ? coef.cz : 0.0;
          const double diag = 2 * (cx + cy + cz) + coef.shift;
          for (int i = 0; i < b.nx; ++i) {
            const double xw = i > 0 ? xl[i - 1] : n.west;
            const double xe = i < b.nx - 1 ? xl[i + 1] : n.east;
            double v = diag * xl[i] - cx * (xw + xe) - cy * (n.south[i] + n.north[i]);
            if (Dim == 3) v -= cz * (n.down[i] + n.up[i]);
            yl[i] = v;
            line_dot += xl[i] * v;
          }
        } else {
          const double* fxl = coef.fx.data() + line * size_t(b.nx + 1);
          const double* fys = coef.fy.data() + (size_t(j) + size_t(b.ny + 1) * k) * b.nx;
          const double* fyn = fys + b.nx;
          const double* fzd = coef.fz.data() + line * b.nx;
          const double* fzu = fzd + size_t(b.nx) * b.ny;
          for (int i = 0; i < b.nx; ++i) {
            const double xw = i > 0 ? xl[i - 1] : n.west;
            const double xe = i < b.nx - 1 ? xl[i + 1] : n.east;
            const double cw = fxl[i], ce = fxl[i + 1], cs = fys[i], cn = fyn[i];
            double diag = cw + ce + cs + cn + coef.shift;
            double v = -cw * xw - ce * xe - cs * n.south[i] - cn * n.north[i];
            if (Dim == 3) {
              const double cd = fzd[i], cu = fzu[i];
              diag += cd + cu;
              v -= cd * n.down[i] + cu * n.up[i];
            }
            v += diag * xl[i];
            yl[i] = v;
            line_dot += xl[i] * v;
          }
        }
        if (want_dot) acc += line_dot;
      },
      local_dot);
  return local_dot;
}

/// d = diag(A) on the block.
template <int Dim>
void stencil_diagonal(const LocalBox& box, const StencilCoefficients& c, const Vector& d) {
  const LocalBox b = box;
  const StencilCoefficients coef = c;
  Kokkos::parallel_for(
      "las::stencil_diagonal", Kokkos::RangePolicy<ExecSpace>(0, b.cells()),
      KOKKOS_LAMBDA(size_t p) {
        if (!coef.variable) {
          d(p) = 2 * (coef.cx + coef.cy + (Dim == 3 ? coef.cz : 0.0)) + coef.shift;
          return;
        }
        const size_t i = p % size_t(b.nx);
        const size_t line = p / size_t(b.nx);
        const size_t j = line % size_t(b.ny);
        const size_t k = line / size_t(b.ny);
        double v = coef.fx(i + size_t(b.nx + 1) * line) + coef.fx(i + 1 + size_t(b.nx + 1) * line) +
                   coef.fy(i + size_t(b.nx) * (j + size_t(b.ny + 1) * k)) +
                   coef.fy(i + size_t(b.nx) * (j + 1 + size_t(b.ny + 1) * k)) + coef.shift;
        if (Dim == 3) v += coef.fz(p) + coef.fz(p + size_t(b.nx) * b.ny);
        d(p) = v;
      });
}

}  // namespace las::kernels
