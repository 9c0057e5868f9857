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

#include <algorithm>

#include "kernels/common/host_clones.hpp"
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

namespace impl {

/// Partial sums of the fused dot: independent accumulators, so the line loops
/// vectorise without -ffast-math (one running sum is a serial dependency the compiler
/// may not reassociate). Eight, a multiple of every x86 vector's doubles (2, 4, 8):
/// with four and AVX-512, GCC packs two steps of the lane loop into one 8-wide vector
/// and must then add each lane in order, a scalar chain that doubled the 3D apply's
/// time in cache (README, Performance).
constexpr int kDotLanes = 8;
/// The total of a line's partial sums.
KOKKOS_FORCEINLINE_FUNCTION double sum_lanes(const double (&part)[kDotLanes]) {
  double sum = 0;
  for (int l = 0; l < kDotLanes; ++l) sum += part[l];
  return sum;
}

/// Cells of a line between computing y and its dot in the blocked pass (still in L1).
constexpr int kDotBlock = 512;

template <int Dim>
KOKKOS_FORCEINLINE_FUNCTION double constant_cell(const double* xl, const LineNeighbours& n, int i,
                                                 double xw, double xe, double diag, double cx,
                                                 double cy, double cz) {
  double v = diag * xl[i] - cx * (xw + xe) - cy * (n.south[i] + n.north[i]);
  if (Dim == 3) v -= cz * (n.down[i] + n.up[i]);
  return v;
}

/// Face coefficients along one line: fx[i] west and fx[i+1] east face of cell i.
struct LineFaces {
  const double* fx;
  const double* fys;
  const double* fyn;
  const double* fzd;
  const double* fzu;
};

/// The face coefficients of line (j, k) (its index `line`, j + ny k).
template <int Dim>
KOKKOS_FORCEINLINE_FUNCTION LineFaces line_faces(const StencilCoefficients& c, const LocalBox& b,
                                                 int j, int k, size_t line) {
  LineFaces f;
  f.fx = c.fx.data() + line * size_t(b.nx + 1);
  f.fys = c.fy.data() + (size_t(j) + size_t(b.ny + 1) * k) * b.nx;
  f.fyn = f.fys + b.nx;
  f.fzd = Dim == 3 ? c.fz.data() + line * b.nx : nullptr;
  f.fzu = Dim == 3 ? f.fzd + size_t(b.nx) * b.ny : nullptr;
  return f;
}

template <int Dim>
KOKKOS_FORCEINLINE_FUNCTION double variable_cell(const double* xl, const LineNeighbours& n,
                                                 const LineFaces& f, int i, double xw, double xe,
                                                 double shift) {
  const double cw = f.fx[i], ce = f.fx[i + 1], cs = f.fys[i], cn = f.fyn[i];
  double diag = cw + ce + cs + cn + shift;
  double v = -cw * xw - ce * xe - cs * n.south[i] - cn * n.north[i];
  if (Dim == 3) {
    const double cd = f.fzd[i], cu = f.fzu[i];
    diag += cd + cu;
    v -= cd * n.down[i] + cu * n.up[i];
  }
  return v + diag * xl[i];
}

/// One grid line: y = A x, returning x·y over the line when Dot. The end cells take
/// their x neighbour from the ghost values, so the interior loop reads xl[i-1] and
/// xl[i+1] with no branch and vectorises. `cell(i, xw, xe)` is the stencil value.
/// The dot is a second pass over each kDotBlock cells of y while they are in L1: the
/// stencil loop keeps its registers for the cell's loads (summed in the same loop as y,
/// the dot cost more, in 3D in cache and in 2D past the L3; README, Performance).
template <bool Dot, class Cell>
KOKKOS_FORCEINLINE_FUNCTION double apply_line(int nx, const double* KOKKOS_RESTRICT xl,
                                              double* KOKKOS_RESTRICT yl, const LineNeighbours& n,
                                              const Cell& cell) {
  if (nx == 1) {
    const double v = cell(0, n.west, n.east);
    yl[0] = v;
    return Dot ? xl[0] * v : 0.0;
  }
  const double v0 = cell(0, n.west, xl[1]);
  yl[0] = v0;
  double part[kDotLanes] = {};
  if (!Dot) {
    for (int i = 1; i < nx - 1; ++i) yl[i] = cell(i, xl[i - 1], xl[i + 1]);
  } else {
    for (int i0 = 1; i0 < nx - 1; i0 += kDotBlock) {
      const int i1 = i0 + kDotBlock < nx - 1 ? i0 + kDotBlock : nx - 1;
      for (int i = i0; i < i1; ++i) yl[i] = cell(i, xl[i - 1], xl[i + 1]);
      int i = i0;
      for (; i + kDotLanes <= i1; i += kDotLanes)
        for (int l = 0; l < kDotLanes; ++l) part[l] += xl[i + l] * yl[i + l];
      for (; i < i1; ++i) part[0] += xl[i] * yl[i];
    }
  }
  const double vn = cell(nx - 1, xl[nx - 2], n.east);
  yl[nx - 1] = vn;
  if (!Dot) return 0.0;
  return sum_lanes(part) + xl[0] * v0 + xl[nx - 1] * vn;
}

/// The 3D apply tiles its lines once the three live planes of x (k-1, k, k+1) exceed
/// kPlaneTileBytes, in tiles whose three plane slices take kPlaneTileBytes. 2 MiB, not
/// one core's L2: on an Intel Xeon (2 MiB L2) tiles of 32 KiB to 2 MiB gave the same,
/// on an AMD EPYC (1 MiB L2) 128 KiB tiles cost a quarter of the constant apply's speed
/// and 2 MiB ones nothing against no tiling (README, Performance).
constexpr size_t kPlaneTileBytes = size_t(2) << 20;

/// Lines are visited in tiles of `rows` consecutive j, all k of one tile before the
/// next, so the x lines that line (j, k) shares with (j, k±1) are still in cache when
/// they are read again. At 400³ (planes of 1.3 MB) this took the constant apply from
/// 0.55 to 0.61 of the triad and the variable one from 0.66 to 0.74 on the Xeon; at 128³
/// (the three planes fit in L2) tiling cost 1-8 %, so blocks whose planes fit, and 2D
/// blocks (nz = 1), keep the plain order (README, Performance).
struct LineOrder {
  int ny = 1;
  int rows = 1;           ///< j per tile
  size_t tile_lines = 1;  ///< rows * nz: lines in every tile but the last
  explicit LineOrder(const LocalBox& b)
      : ny(b.ny), rows(tile_rows(b)), tile_lines(size_t(rows) * b.nz) {}
  static int tile_rows(const LocalBox& b) {
    const size_t planes = 3 * sizeof(double) * size_t(b.nx) * b.ny;
    if (b.nz == 1 || planes <= kPlaneTileBytes) return b.ny;
    const size_t rows = kPlaneTileBytes / (3 * sizeof(double) * size_t(b.nx));
    return int(std::min<size_t>(size_t(b.ny), std::max<size_t>(1, rows)));
  }
  /// The p-th line visited, as (j, k).
  KOKKOS_INLINE_FUNCTION void line(size_t p, int& j, int& k) const {
    const size_t tile = p / tile_lines;
    const int j0 = int(tile) * rows;
    const int here = ny - j0 < rows ? ny - j0 : rows;  // rows of this tile: the last may be short
    const size_t within = p - tile * tile_lines;
    k = int(within / size_t(here));
    j = j0 + int(within % size_t(here));
  }
};

/// Line (j, k) of y = A x, returning its part of x·y when Dot.
template <int Dim, bool Dot>
KOKKOS_FORCEINLINE_FUNCTION double apply_grid_line(const LocalBox& b, const StencilCoefficients& coef,
                                                   const double* x, const GhostFaces& g, double* y,
                                                   int j, int k) {
  const size_t line = size_t(j) + size_t(b.ny) * k;
  const double* xl = x + line * b.nx;
  double* yl = y + line * b.nx;
  const LineNeighbours n = line_neighbours(xl, j, k, b, g, line);
  if (!coef.variable) {
    const double cx = coef.cx, cy = coef.cy, cz = Dim == 3 ? coef.cz : 0.0;
    const double diag = 2 * (cx + cy + cz) + coef.shift;
    return apply_line<Dot>(b.nx, xl, yl, n, [&](int i, double xw, double xe) {
      return constant_cell<Dim>(xl, n, i, xw, xe, diag, cx, cy, cz);
    });
  }
  const LineFaces f = line_faces<Dim>(coef, b, j, k, line);
  const double shift = coef.shift;
  return apply_line<Dot>(b.nx, xl, yl, n, [&](int i, double xw, double xe) {
    return variable_cell<Dim>(xl, n, f, i, xw, xe, shift);
  });
}

/// apply_grid_line built for SSE2 and AVX2 (LAS_HOST_CLONES): with SSE2 the portable
/// build's 3D apply is limited by issuing the cell's loads and flops (README).
template <int Dim, bool Dot>
KOKKOS_INLINE_FUNCTION LAS_HOST_CLONES double apply_grid_line_clones(
    const LocalBox& b, const StencilCoefficients& coef, const double* x, const GhostFaces& g,
    double* y, int j, int k) {
  return apply_grid_line<Dim, Dot>(b, coef, x, g, y, j, k);
}

/// Which lines take the clones: all but the 2D apply without its dot, which ran slower
/// past the L3 with AVX2 than with SSE2 (README, Performance; cause not found).
template <int Dim, bool Dot>
constexpr bool kApplyClones = Dim == 3 || Dot;

template <int Dim, bool Dot>
double stencil_apply(const LocalBox& b, const StencilCoefficients& coef, const ConstVector& x,
                     const GhostFaces& g, const Vector& y) {
  double local_dot = 0;
  const LineOrder order(b);
  Kokkos::parallel_reduce(
      "las::stencil_apply", Kokkos::RangePolicy<ExecSpace>(0, b.lines()),
      KOKKOS_LAMBDA(size_t p, double& acc) {
        int j, k;
        order.line(p, j, k);
        if constexpr (kApplyClones<Dim, Dot>)
          acc += apply_grid_line_clones<Dim, Dot>(b, coef, x.data(), g, y.data(), j, k);
        else
          acc += apply_grid_line<Dim, Dot>(b, coef, x.data(), g, y.data(), j, k);
      },
      local_dot);
  return local_dot;
}

}  // namespace impl

/// y = A x on the block; returns the local x·y when want_dot (else 0).
/// Dim is 2 or 3. Ghost faces must be current for x; y must not alias x.
template <int Dim>
double stencil_apply(const LocalBox& box, const StencilCoefficients& c, const ConstVector& x,
                     const GhostFaces& ghosts, const Vector& y, bool want_dot) {
  static_assert(Dim == 2 || Dim == 3, "stencil_apply: Dim must be 2 or 3");
  return want_dot ? impl::stencil_apply<Dim, true>(box, c, x, ghosts, y)
                  : impl::stencil_apply<Dim, false>(box, c, x, ghosts, y);
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
