// SPDX-License-Identifier: BSD-3-Clause
// SOR sweeps on one rank's block: x_p <- (1-ω) x_p + ω (b_p - Σ_{q≠p} a_pq x_q) / a_pp,
// cells visited in one of three orders.
//
//  * Lexicographic (CSR block or 5/7-point stencil): the textbook order, inherently
//    sequential. It runs as ONE work item so the same code builds for every backend;
//    at one rank it is MATLAB's sor.m ordering (the "Learning to Relax" reference).
//  * Red-black (stencil): the colour of a cell is the parity of its GLOBAL index
//    i+j+k, so the sweep is a true parallel SOR whose result does not depend on the
//    rank count, and (the matrix being consistently ordered) Young's optimal ω holds.
//    A half-sweep updates one colour; its neighbours all have the other colour, so
//    every cell of the half-sweep is independent. On one thread a chain of half-sweeps
//    runs as one pass over the block, each a line behind the one before.
//  * Multicolour (CSR): a greedy colouring of the block's graph (host side, so it is
//    deterministic), then one parallel kernel per colour.
//
// Off-block couplings are the caller's: the CSR sweeps take a right-hand side with
// them already subtracted, the stencil sweeps read fixed ghost faces. Every sweep has
// a serial oracle in reference/relaxation_ref.hpp.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/sparse.hpp"
#include "kernels/stencil.hpp"

namespace las::kernels {

enum class SweepDirection { Forward, Backward };

namespace impl {

/// One CSR row update; the diagonal is read from the row itself (summing duplicates),
/// which costs nothing extra since the whole row is streamed anyway.
KOKKOS_INLINE_FUNCTION void csr_sor_row(const CsrMatrix::row_map_type& rows,
                                        const CsrMatrix::index_type& cols,
                                        const CsrMatrix::values_type& vals, const ConstVector& b,
                                        const Vector& x, double omega, int i) {
  double diag = 0, s = b(i);
  for (size_t e = rows(i); e < rows(i + 1); ++e) {
    const int c = cols(e);
    if (c == i)
      diag += vals(e);
    else
      s -= vals(e) * x(c);
  }
  x(i) = (1.0 - omega) * x(i) + omega * s / diag;
}

}  // namespace impl

/// One lexicographic SOR sweep on a square local CSR block (rows 0..n-1 forward, or
/// n-1..0 backward). b must already hold b - A_offblock x_ghost. Sequential: a single
/// work item.
inline void csr_sor_lexicographic(const CsrMatrix& a, const ConstVector& b, const Vector& x,
                                  double omega, SweepDirection dir) {
  const auto rows = a.graph.row_map;
  const auto cols = a.graph.entries;
  const auto vals = a.values;
  const int n = a.numRows();
  const bool forward = dir == SweepDirection::Forward;
  Kokkos::parallel_for(
      "las::csr_sor_lexicographic", Kokkos::RangePolicy<ExecSpace>(0, 1), KOKKOS_LAMBDA(int) {
        for (int t = 0; t < n; ++t) impl::csr_sor_row(rows, cols, vals, b, x, omega, forward ? t : n - 1 - t);
      });
}

/// A colouring of a CSR block's symmetrised graph: no two rows of one colour couple
/// (a_ij != 0 or a_ji != 0), so all rows of a colour may be updated at once.
struct CsrColoring {
  int colors = 0;
  Kokkos::View<int*, MemSpace> rows;  ///< rows grouped by colour, ascending within each
  std::vector<size_t> offsets{0};     ///< host: colour c is rows[offsets[c], offsets[c+1])
  std::vector<int> color_of;          ///< host: the colour of each row (tests, diagnostics)
};

/// Greedy first-fit colouring in row order (deterministic: the same matrix always
/// gives the same colours, on every backend). Host side, O(nnz).
inline CsrColoring csr_greedy_coloring(const CsrMatrix& a) {
  const auto hr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a.graph.row_map);
  const auto he = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a.graph.entries);
  const int n = a.numRows();
  // Symmetrised adjacency in CSR form: the pattern plus its transpose.
  std::vector<size_t> deg(size_t(n) + 1, 0);
  for (int i = 0; i < n; ++i)
    for (size_t e = hr(i); e < hr(i + 1); ++e)
      if (he(e) != i) ++deg[size_t(i) + 1], ++deg[size_t(he(e)) + 1];
  for (int i = 0; i < n; ++i) deg[size_t(i) + 1] += deg[size_t(i)];
  std::vector<int> adj(deg[size_t(n)]);
  std::vector<size_t> fill(deg.begin(), deg.end() - 1);
  for (int i = 0; i < n; ++i)
    for (size_t e = hr(i); e < hr(i + 1); ++e)
      if (he(e) != i) adj[fill[size_t(i)]++] = he(e), adj[fill[size_t(he(e))]++] = i;

  CsrColoring col;
  col.color_of.assign(size_t(n), -1);
  std::vector<int> seen;  // seen[c] == i: colour c is taken by a neighbour of row i
  for (int i = 0; i < n; ++i) {
    for (size_t e = deg[size_t(i)]; e < deg[size_t(i) + 1]; ++e) {
      const int c = col.color_of[size_t(adj[e])];
      if (c >= 0) seen[size_t(c)] = i;
    }
    int c = 0;
    while (c < int(seen.size()) && seen[size_t(c)] == i) ++c;
    if (c == int(seen.size())) seen.push_back(-1);
    col.color_of[size_t(i)] = c;
  }
  col.colors = int(seen.size());
  col.offsets.assign(size_t(col.colors) + 1, 0);
  for (int c : col.color_of) ++col.offsets[size_t(c) + 1];
  for (int c = 0; c < col.colors; ++c) col.offsets[size_t(c) + 1] += col.offsets[size_t(c)];
  col.rows = Kokkos::View<int*, MemSpace>("las::csr_color_rows", size_t(n));
  auto hrows = Kokkos::create_mirror_view(col.rows);
  std::vector<size_t> next(col.offsets.begin(), col.offsets.end() - 1);
  for (int i = 0; i < n; ++i) hrows(next[size_t(col.color_of[size_t(i)])]++) = i;
  Kokkos::deep_copy(col.rows, hrows);
  return col;
}

/// One multicolour SOR sweep: colours 0..C-1 (forward) or C-1..0 (backward), the rows
/// of a colour in parallel. Equals a lexicographic sweep on the colour-permuted matrix.
/// b must already hold b - A_offblock x_ghost.
inline void csr_sor_multicolor(const CsrMatrix& a, const CsrColoring& coloring,
                               const ConstVector& b, const Vector& x, double omega,
                               SweepDirection dir) {
  const auto rows = a.graph.row_map;
  const auto cols = a.graph.entries;
  const auto vals = a.values;
  const auto order = coloring.rows;
  for (int t = 0; t < coloring.colors; ++t) {
    const int c = dir == SweepDirection::Forward ? t : coloring.colors - 1 - t;
    Kokkos::parallel_for(
        "las::csr_sor_color",
        Kokkos::RangePolicy<ExecSpace>(coloring.offsets[size_t(c)], coloring.offsets[size_t(c) + 1]),
        KOKKOS_LAMBDA(size_t r) { impl::csr_sor_row(rows, cols, vals, b, x, omega, order(r)); });
  }
}

namespace impl {

/// The Gauss–Seidel value (b_i + Σ_f c_f x_nbr(f)) / diag_i of cell i of one grid line,
/// given its x neighbours (xw, xe); the y/z neighbours come from the line's
/// LineNeighbours. Shared by the lexicographic and the red-black sweeps; constant and
/// variable coefficients are separate types so no branch sits in the inner loops.
template <int Dim>
struct ConstantGaussSeidelCell {
  const double* bl;
  LineNeighbours n;
  double cx, cy, cz, inv_diag;

  KOKKOS_INLINE_FUNCTION ConstantGaussSeidelCell(const StencilCoefficients& c, const LocalBox&,
                                                 const double* b_line, const LineNeighbours& nb,
                                                 int, int, size_t)
      : bl(b_line), n(nb), cx(c.cx), cy(c.cy), cz(Dim == 3 ? c.cz : 0.0),
        inv_diag(1.0 / (2 * (c.cx + c.cy + (Dim == 3 ? c.cz : 0.0)) + c.shift)) {}

  KOKKOS_FORCEINLINE_FUNCTION double operator()(int i, double xw, double xe) const {
    double s = bl[i] + cx * (xw + xe) + cy * (n.south[i] + n.north[i]);
    if (Dim == 3) s += cz * (n.down[i] + n.up[i]);
    return s * inv_diag;
  }
};

template <int Dim>
struct VariableGaussSeidelCell {
  const double* bl;
  LineNeighbours n;
  LineFaces f;
  double shift;

  KOKKOS_INLINE_FUNCTION VariableGaussSeidelCell(const StencilCoefficients& c, const LocalBox& bx,
                                                 const double* b_line, const LineNeighbours& nb,
                                                 int j, int k, size_t line)
      : bl(b_line), n(nb), f(line_faces<Dim>(c, bx, j, k, line)), shift(c.shift) {}

  KOKKOS_FORCEINLINE_FUNCTION double operator()(int i, double xw, double xe) const {
    const double cw = f.fx[i], ce = f.fx[i + 1], cs = f.fys[i], cn = f.fyn[i];
    double diag = cw + ce + cs + cn + shift;
    double s = bl[i] + cw * xw + ce * xe + cs * n.south[i] + cn * n.north[i];
    if (Dim == 3) {
      const double cd = f.fzd[i], cu = f.fzu[i];
      diag += cd + cu;
      s += cd * n.down[i] + cu * n.up[i];
    }
    return s / diag;
  }
};

/// One line of a lexicographic sweep, in either direction; the x neighbour just
/// updated is carried in a register.
template <class Cell>
KOKKOS_FORCEINLINE_FUNCTION void sor_lexicographic_line(int nx, double* xl, const LineNeighbours& n,
                                                        double omega, bool forward, const Cell& cell) {
  const double keep = 1.0 - omega;
  if (forward) {
    double xw = n.west;
    for (int i = 0; i < nx; ++i) {
      const double xe = i + 1 < nx ? xl[i + 1] : n.east;
      xw = xl[i] = keep * xl[i] + omega * cell(i, xw, xe);
    }
  } else {
    double xe = n.east;
    for (int i = nx - 1; i >= 0; --i) {
      const double xw = i > 0 ? xl[i - 1] : n.west;
      xe = xl[i] = keep * xl[i] + omega * cell(i, xw, xe);
    }
  }
}

}  // namespace impl

/// One lexicographic SOR sweep of the stencil operator on the block (x fastest, then
/// y, then z; reversed when Backward), with the ghost faces held fixed: across ranks
/// this is block-Jacobi, as PETSc's PCSOR. Sequential: a single work item that walks
/// the grid line by line (no index arithmetic per cell; the x neighbour just updated
/// is carried in a register).
template <int Dim>
void stencil_sor_lexicographic(const LocalBox& box, const StencilCoefficients& coef,
                               const ConstVector& b, const GhostFaces& ghosts, const Vector& x,
                               double omega, SweepDirection dir) {
  static_assert(Dim == 2 || Dim == 3, "stencil_sor_lexicographic: Dim must be 2 or 3");
  const LocalBox bx = box;
  const StencilCoefficients c = coef;
  const GhostFaces g = ghosts;
  const bool forward = dir == SweepDirection::Forward;
  Kokkos::parallel_for(
      "las::stencil_sor_lexicographic", Kokkos::RangePolicy<ExecSpace>(0, 1), KOKKOS_LAMBDA(int) {
        const size_t lines = bx.lines();
        const int nx = bx.nx;
        for (size_t t = 0; t < lines; ++t) {
          const size_t line = forward ? t : lines - 1 - t;
          const int j = int(line % size_t(bx.ny)), k = int(line / size_t(bx.ny));
          double* xl = x.data() + line * nx;
          const impl::LineNeighbours n = impl::line_neighbours(xl, j, k, bx, g, line);
          const double* bl = b.data() + line * nx;
          if (c.variable) {
            impl::sor_lexicographic_line(nx, xl, n, omega, forward,
                                         impl::VariableGaussSeidelCell<Dim>(c, bx, bl, n, j, k, line));
          } else {
            impl::sor_lexicographic_line(nx, xl, n, omega, forward,
                                         impl::ConstantGaussSeidelCell<Dim>(c, bx, bl, n, j, k, line));
          }
        }
      });
}

namespace impl {

/// Updates the cells i0, i0+2, ... of one line that lie in [lo, hi). The end cells take
/// their x neighbour from the ghost values; the interior loop reads xl[i-1], xl[i+1] (the
/// other colour, never written here) with no branch, so it vectorises. `cell(i, xw, xe)`
/// returns the Gauss–Seidel value (b_i + Σ c_f x_f) / diag_i; ω is applied here.
/// `restrict` on xl holds although n.south/north/down/up point into the same View: they
/// are other lines, which this line never writes.
template <class Cell>
KOKKOS_FORCEINLINE_FUNCTION void sor_color_line(int nx, int i0, int lo, int hi, double* KOKKOS_RESTRICT xl,
                                                const LineNeighbours& n, double omega,
                                                const Cell& cell) {
  const double keep = 1.0 - omega;
  int i = lo + ((lo + i0) & 1);  // the first cell of the colour at or after lo
  if (i == 0 && i < hi) {
    xl[0] = keep * xl[0] + omega * cell(0, n.west, nx > 1 ? xl[1] : n.east);
    i = 2;
  }
  const int end = hi < nx - 1 ? hi : nx - 1;
  for (; i < end; i += 2) xl[i] = keep * xl[i] + omega * cell(i, xl[i - 1], xl[i + 1]);
  if (i == nx - 1 && i < hi) xl[i] = keep * xl[i] + omega * cell(i, xl[i - 1], n.east);
}

/// The red-black update of the cells [lo, hi) of one grid line whose global parity is
/// `parity`.
template <int Dim>
KOKKOS_FORCEINLINE_FUNCTION void sor_color_grid_line(const LocalBox& bx, const StencilCoefficients& c,
                                                     const double* b, const GhostFaces& g, double* x,
                                                     double omega, int parity, size_t line, int lo,
                                                     int hi) {
  const int j = int(line % size_t(bx.ny));
  const int k = int(line / size_t(bx.ny));
  const int i0 = (parity + j + k) & 1;
  double* xl = x + line * bx.nx;
  const double* KOKKOS_RESTRICT bl = b + line * bx.nx;
  const LineNeighbours n = line_neighbours(xl, j, k, bx, g, line);
  if (c.variable)
    sor_color_line(bx.nx, i0, lo, hi, xl, n, omega, VariableGaussSeidelCell<Dim>(c, bx, bl, n, j, k, line));
  else
    sor_color_line(bx.nx, i0, lo, hi, xl, n, omega, ConstantGaussSeidelCell<Dim>(c, bx, bl, n, j, k, line));
}

/// sor_color_grid_line built for SSE2 and AVX2 (LAS_HOST_CLONES).
template <int Dim>
KOKKOS_INLINE_FUNCTION LAS_HOST_CLONES void sor_color_grid_line_clones(
    const LocalBox& bx, const StencilCoefficients& c, const double* b, const GhostFaces& g,
    double* x, double omega, int parity, size_t line, int lo, int hi) {
  sor_color_grid_line<Dim>(bx, c, b, g, x, omega, parity, line, lo, hi);
}

/// Where a line meets the band of width w along the rank faces in `faces` (bit f for
/// GhostFaces' f-th face: west, east, south, north, down, up): the whole line when its
/// own (j, k) lies within w of a y or z rank face, else the cells [0, lo) and [hi, nx).
struct LineBand {
  bool whole;
  int lo, hi;
};

/// The face bits a Dim-dimensional block can have: a 2D block has no z faces (its one
/// line per j would otherwise all count as next to one).
template <int Dim>
constexpr unsigned kFacesOf = Dim == 2 ? 15u : 63u;

KOKKOS_INLINE_FUNCTION LineBand line_band(const LocalBox& bx, unsigned faces, int w, size_t line) {
  const int j = int(line % size_t(bx.ny)), k = int(line / size_t(bx.ny));
  const bool whole = ((faces & 4u) && j < w) || ((faces & 8u) && bx.ny - 1 - j < w) ||
                     ((faces & 16u) && k < w) || ((faces & 32u) && bx.nz - 1 - k < w);
  const int lo = (faces & 1u) ? w : 0, hi = (faces & 2u) ? bx.nx - w : bx.nx;
  return {whole || lo >= hi, lo, hi};
}

}  // namespace impl

/// Red-black SOR half-sweep: updates the cells of `color` (0 red, 1 black), i.e. those
/// whose GLOBAL index i+j+k has that parity; `origin_parity` is the parity of the
/// block's global origin (offset_x + offset_y + offset_z). Ghost faces must be current
/// for the other colour. A forward sweep is red then black (exchanging ghosts between),
/// a backward sweep black then red. Parallel over grid lines.
template <int Dim>
void stencil_sor_color(const LocalBox& box, const StencilCoefficients& coef,
                       const ConstVector& b, const GhostFaces& ghosts, const Vector& x,
                       double omega, int color, int origin_parity) {
  static_assert(Dim == 2 || Dim == 3, "stencil_sor_color: Dim must be 2 or 3");
  const LocalBox bx = box;
  const StencilCoefficients c = coef;
  const GhostFaces g = ghosts;
  const int parity = (color + origin_parity) & 1;
  Kokkos::parallel_for(
      "las::stencil_sor_color", Kokkos::RangePolicy<ExecSpace>(0, bx.lines()),
      KOKKOS_LAMBDA(size_t line) {
        impl::sor_color_grid_line_clones<Dim>(bx, c, b.data(), g, x.data(), omega, parity, line, 0, bx.nx);
      });
}

/// Up to three red-black half-sweeps of alternating colour, each with its own ω, and the
/// block's faces that border another rank.
struct ColorChain {
  static constexpr int kMaxHalfSweeps = 3;
  int half_sweeps = 2;
  int first_color = 0;  ///< 0 red, 1 black; the colours then alternate
  double omega[kMaxHalfSweeps] = {};
  /// Bit f set: GhostFaces' f-th face (west, east, south, north, down, up) borders
  /// another rank.
  unsigned rank_faces = 0;
};

/// The half-sweeps of `chain` in ONE pass over the block, with the same result, bit for
/// bit, as stencil_sor_color called once per half-sweep: half-sweep h updates line
/// t - h·lag while the pass is at line t, where lag is one line in 2D and one plane in
/// 3D: by then every neighbour of that line has had half-sweep h-1 and none has had
/// h+1. The lines lagging behind are still in cache, so x and b cross the memory bus
/// once instead of once per half-sweep.
///
/// A rank neighbour's face changes between half-sweeps (the exchange between colours),
/// so half-sweep h ≥ 1 leaves out the cells within h cells of a face in
/// `chain.rank_faces` (those it would compute from a stale ghost, or from a cell left out
/// by h-1); the caller then exchanges and calls stencil_sor_color_band with width h, for
/// h = 1, 2, ... in turn. The other faces must stay fixed over the chain. The pass is
/// sequential in line order (one work item, as the lexicographic sweep): worth it where
/// the execution space runs one thread (`color_chain_pays`).
template <int Dim>
void stencil_sor_color_chain(const LocalBox& box, const StencilCoefficients& coef,
                             const ConstVector& b, const GhostFaces& ghosts, const Vector& x,
                             const ColorChain& chain, int origin_parity) {
  static_assert(Dim == 2 || Dim == 3, "stencil_sor_color_chain: Dim must be 2 or 3");
  if (chain.half_sweeps < 1 || chain.half_sweeps > ColorChain::kMaxHalfSweeps)
    throw std::invalid_argument("las::kernels::stencil_sor_color_chain: half_sweeps " +
                                std::to_string(chain.half_sweeps) + " is not in 1..3");
  const LocalBox bx = box;
  const StencilCoefficients c = coef;
  const GhostFaces g = ghosts;
  ColorChain ch = chain;
  ch.rank_faces &= impl::kFacesOf<Dim>;
  Kokkos::parallel_for(
      "las::stencil_sor_color_chain", Kokkos::RangePolicy<ExecSpace>(0, 1), KOKKOS_LAMBDA(int) {
        const size_t lines = bx.lines();
        const size_t lag = Dim == 2 ? 1 : size_t(bx.ny);
        const size_t steps = lines + size_t(ch.half_sweeps - 1) * lag;
        for (size_t t = 0; t < steps; ++t)
          for (int h = 0; h < ch.half_sweeps && size_t(h) * lag <= t; ++h) {
            const size_t line = t - size_t(h) * lag;
            if (line >= lines) continue;
            const impl::LineBand band = impl::line_band(bx, ch.rank_faces, h, line);
            if (h > 0 && band.whole) continue;
            const int parity = (ch.first_color + h + origin_parity) & 1;
            impl::sor_color_grid_line_clones<Dim>(bx, c, b.data(), g, x.data(), ch.omega[h], parity, line,
                                                  band.lo, band.hi);
          }
      });
}

/// The red-black half-sweep of `color` on the cells within `width` cells of the faces in
/// `rank_faces` only: what stencil_sor_color_chain's half-sweep `width` left out, run
/// after the exchange that brings the neighbours' values. Parallel over grid lines.
template <int Dim>
void stencil_sor_color_band(const LocalBox& box, const StencilCoefficients& coef,
                            const ConstVector& b, const GhostFaces& ghosts, const Vector& x,
                            double omega, int color, int origin_parity, unsigned rank_faces,
                            int width) {
  static_assert(Dim == 2 || Dim == 3, "stencil_sor_color_band: Dim must be 2 or 3");
  const LocalBox bx = box;
  const StencilCoefficients c = coef;
  const GhostFaces g = ghosts;
  const int parity = (color + origin_parity) & 1;
  const unsigned faces = rank_faces & impl::kFacesOf<Dim>;
  Kokkos::parallel_for(
      "las::stencil_sor_color_band", Kokkos::RangePolicy<ExecSpace>(0, bx.lines()),
      KOKKOS_LAMBDA(size_t line) {
        const impl::LineBand band = impl::line_band(bx, faces, width, line);
        const int lo = band.whole ? bx.nx : band.lo;  // [0, lo) and [hi, nx): the band's cells
        const int hi = band.whole ? bx.nx : band.hi;
        if (lo > 0) impl::sor_color_grid_line_clones<Dim>(bx, c, b.data(), g, x.data(), omega, parity, line, 0, lo);
        if (hi < bx.nx)
          impl::sor_color_grid_line_clones<Dim>(bx, c, b.data(), g, x.data(), omega, parity, line, hi, bx.nx);
      });
}

/// Whether the one-pass chain beats separate half-sweeps: where the execution space runs
/// one thread (Serial; MPI-only runs) and the grid is 2D. In 3D it measured no faster
/// past the L3 than the separate half-sweeps: the 3D colour line ran no faster from the
/// L3 than from memory, so the core, not the traffic the chain saves, sets its pace
/// (README, Performance).
inline bool color_chain_pays(int dim) { return dim == 2 && ExecSpace().concurrency() == 1; }

namespace impl {

/// Partial sums of a line's squared residual, summed in the same loop as the residual:
/// still 4 (the apply's dot, a second pass, went to 8; this loop was not measured with 8).
constexpr int kResidualLanes = 4;

/// Σ over one line of (b_i - cell(i, xw, xe))², in kResidualLanes partial sums so the
/// interior loop vectorises.
template <class Cell>
KOKKOS_FORCEINLINE_FUNCTION double residual_line(int nx, const double* KOKKOS_RESTRICT xl,
                                                 const double* KOKKOS_RESTRICT bl,
                                                 const LineNeighbours& n, const Cell& cell) {
  if (nx == 1) {
    const double r = bl[0] - cell(0, n.west, n.east);
    return r * r;
  }
  const double r0 = bl[0] - cell(0, n.west, xl[1]);
  const double rn = bl[nx - 1] - cell(nx - 1, xl[nx - 2], n.east);
  double part[kResidualLanes] = {};
  int i = 1;
  for (; i + kResidualLanes <= nx - 1; i += kResidualLanes)
    for (int l = 0; l < kResidualLanes; ++l) {
      const double r = bl[i + l] - cell(i + l, xl[i + l - 1], xl[i + l + 1]);
      part[l] += r * r;
    }
  for (; i < nx - 1; ++i) {
    const double r = bl[i] - cell(i, xl[i - 1], xl[i + 1]);
    part[0] += r * r;
  }
  return (part[0] + part[1]) + (part[2] + part[3]) + r0 * r0 + rn * rn;
}

}  // namespace impl

/// Local ||b - A x||² of the stencil operator in one pass (reads x and b, writes
/// nothing): the per-iteration residual of stationary SOR without a temporary A x.
/// Ghost faces must be current for x.
template <int Dim>
double stencil_residual_norm2(const LocalBox& box, const StencilCoefficients& coef,
                              const ConstVector& b, const GhostFaces& ghosts, const ConstVector& x) {
  static_assert(Dim == 2 || Dim == 3, "stencil_residual_norm2: Dim must be 2 or 3");
  const LocalBox bx = box;
  const StencilCoefficients c = coef;
  const GhostFaces g = ghosts;
  double sum = 0;
  Kokkos::parallel_reduce(
      "las::stencil_residual_norm2", Kokkos::RangePolicy<ExecSpace>(0, bx.lines()),
      KOKKOS_LAMBDA(size_t line, double& acc) {
        const int j = int(line % size_t(bx.ny));
        const int k = int(line / size_t(bx.ny));
        const double* xl = x.data() + line * bx.nx;
        const double* bl = b.data() + line * bx.nx;
        const impl::LineNeighbours n = impl::line_neighbours(xl, j, k, bx, g, line);
        if (!c.variable) {
          const double cx = c.cx, cy = c.cy, cz = Dim == 3 ? c.cz : 0.0;
          const double diag = 2 * (cx + cy + cz) + c.shift;
          acc += impl::residual_line(bx.nx, xl, bl, n, [&](int i, double xw, double xe) {
            return impl::constant_cell<Dim>(xl, n, i, xw, xe, diag, cx, cy, cz);
          });
        } else {
          const impl::LineFaces f = impl::line_faces<Dim>(c, bx, j, k, line);
          const double shift = c.shift;
          acc += impl::residual_line(bx.nx, xl, bl, n, [&](int i, double xw, double xe) {
            return impl::variable_cell<Dim>(xl, n, f, i, xw, xe, shift);
          });
        }
      },
      sum);
  return sum;
}

/// Local Σ (b_i - y_i)^2, with y = A x: the squared residual norm in one pass.
inline double residual_norm2(const ConstVector& b, const ConstVector& y) {
  double s = 0;
  Kokkos::parallel_reduce(
      "las::residual_norm2", Kokkos::RangePolicy<ExecSpace>(0, b.extent(0)),
      KOKKOS_LAMBDA(size_t i, double& acc) {
        const double r = b(i) - y(i);
        acc += r * r;
      },
      s);
  return s;
}

}  // namespace las::kernels
