// SPDX-License-Identifier: BSD-3-Clause
// Normal equations of many small nonlinear least-squares problems at once (the experts of
// the hard-constraint layer). Problem b has N coefficients ω and the residual rows
//   PDE rows     r_p = w φ(F[b,p] ω + z0[b,p])   (F[b,p]: features x N, kernels/point_residual.hpp;
//                                                 the offsets z0 are optional, zero when absent)
//   linear rows  r_q = A[b,q]·ω − y[b,q]
//   ridge rows   ridge · ω
// and the kernels return f = ½‖r‖², g = Jᵀr and a curvature matrix: Gauss–Newton JᵀJ, or
// the exact Hessian JᵀJ + Σ_p r_p ∇²r_p (the IFT backward needs the exact one), both with
// ridge² I. A PDE row adds J_p J_pᵀ (a rank-1 update), or with the Hessian
// F_pᵀ (∇r∇rᵀ + r ∇²r) F_p, the curvature formed in feature space (nf x nf) and then
// mapped to N x N. A problem's rows are split into chunks; each chunk accumulates into its
// own slot of partial sums (packed upper triangle, gradient, cost) and a second kernel sums
// the slots: no atomics, and on a serial host one chunk per problem streams its rows once.
// The count of problems is large and N small (≤ kMaxCoefficients): one work item per chunk.
#pragma once

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cstddef>

#include "kernels/batched_cholesky.hpp"
#include "kernels/common/spaces.hpp"
#include "kernels/point_residual.hpp"

namespace las::kernels {

/// The largest N: the size of a work item's Jacobian-row scratch array.
constexpr int kMaxCoefficients = 64;

using BatchFeatures = Kokkos::View<const double****, Kokkos::LayoutRight, MemSpace>;  ///< F [B, P, nf, N]
using BatchRows = Kokkos::View<const double***, Kokkos::LayoutRight, MemSpace>;       ///< A [B, Q, N]
/// z0 [B, P, nf]: the features of a fixed part of the field (Navier–Stokes adds the initial
/// vorticity to the basis expansion), so z = F ω + z0 is affine in ω.
using BatchFeatureOffsets = Kokkos::View<const double***, Kokkos::LayoutRight, MemSpace>;
/// Per-chunk partial sums [B, chunks, N(N+1)/2 + N + 1]: packed upper JᵀJ, Jᵀr, ½‖r‖².
using BatchPartials = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>;

/// The data of all B problems (views into the caller's arrays; the kernels only read them).
struct LeastSquaresBatch {
  BatchFeatures features;
  BatchFeatureOffsets offsets;  ///< extent(0) == 0: none (z = F ω)
  BatchRows linear_rows;
  ConstBatchVectors linear_targets;  ///< y [B, Q]
  PointResidualModel residual;
  double ridge = 0;
  size_t problems() const { return features.extent(0); }
  size_t points() const { return features.extent(1); }
  size_t linear_count() const { return linear_rows.extent(1); }
  int coefficients() const { return static_cast<int>(features.extent(3)); }
};

enum class CurvatureTerm : int { GaussNewton = 0, ExactHessian = 1 };

/// f, g and the curvature matrix of every problem.
struct NormalEquations {
  BatchScalars cost;      ///< ½‖r‖² including the ridge rows
  BatchVectors gradient;  ///< Jᵀr + ridge² ω
  BatchMatrices matrix;   ///< full symmetric N x N
  NormalEquations() = default;
  NormalEquations(size_t problems, int n)
      : cost("las::ls_cost", problems),
        gradient("las::ls_gradient", problems, n),
        matrix("las::ls_matrix", problems, n, n) {}
};

/// Chunks per problem: enough work items to fill the execution space (one on a serial
/// host, so sums run in row order there), at least 32 rows each.
inline size_t least_squares_chunk_count(size_t problems, size_t rows) {
  const size_t concurrency = static_cast<size_t>(ExecSpace().concurrency());
  const size_t wanted = (4 * concurrency + problems - 1) / std::max<size_t>(problems, 1);
  return std::max<size_t>(1, std::min(wanted, rows / 32));
}

/// The partial-sum buffer for `ls`; `chunks` = 0 picks least_squares_chunk_count (tests
/// force several chunks to cover the device path on a serial host).
inline BatchPartials make_least_squares_partials(const LeastSquaresBatch& ls, size_t chunks = 0) {
  const size_t n = static_cast<size_t>(ls.coefficients());
  if (chunks == 0) chunks = least_squares_chunk_count(ls.problems(), ls.points() + ls.linear_count());
  return BatchPartials("las::ls_partials", ls.problems(), chunks, n * (n + 1) / 2 + n + 1);
}

/// Features z = F[b,p] ω + z0[b,p] of one point (z0 = 0 when `offsets` is empty: pass an
/// empty view for the linear part alone).
KOKKOS_INLINE_FUNCTION void point_features(const BatchFeatures& f, const BatchFeatureOffsets& offsets,
                                           const ConstBatchVectors& omega, size_t b, size_t p, int nf, double* z) {
  const int n = static_cast<int>(f.extent(3));
  const bool affine = offsets.extent(0) > 0;
  for (int j = 0; j < nf; ++j) {
    double s = affine ? offsets(b, p, j) : 0.0;
    for (int a = 0; a < n; ++a) s += f(b, p, j, a) * omega(b, a);
    z[j] = s;
  }
}

/// Adds F_pᵀ C F_p to the packed upper triangle `acc` (row-major, a ≤ c) for the symmetric
/// nf x nf matrix C = ∇r ∇rᵀ + r ∇²r of PDE point p: its exact-Hessian contribution
/// J_p J_pᵀ + r_p ∇²_ω r_p in one pass. G = C F_p first, then nf axpys per row of `acc`
/// (contiguous, so they vectorise).
KOKKOS_INLINE_FUNCTION void add_point_hessian(const BatchFeatures& f, size_t b, size_t p, int nf,
                                              const PointResidualValue& value, double* acc) {
  const int n = static_cast<int>(f.extent(3));
  double c[kMaxPointFeatures][kMaxPointFeatures];
  for (int j = 0; j < nf; ++j)
    for (int k = 0; k < nf; ++k) c[j][k] = value.gradient[j] * value.gradient[k] + value.value * value.hessian[j][k];
  double g[kMaxPointFeatures][kMaxCoefficients];
  for (int j = 0; j < nf; ++j)
    for (int col = 0; col < n; ++col) {
      double s = 0;
      for (int k = 0; k < nf; ++k) s += c[j][k] * f(b, p, k, col);
      g[j][col] = s;
    }
  size_t row_start = 0;
  for (int a = 0; a < n; ++a) {
    double* row = acc + row_start - a;  // row[col] for col >= a
    for (int j = 0; j < nf; ++j) {
      const double fa = f(b, p, j, a);
      for (int col = a; col < n; ++col) row[col] += fa * g[j][col];
    }
    row_start += static_cast<size_t>(n - a);
  }
}

/// One work item of the assembly: rows [begin, end) of problem b into the partial sums
/// `acc`. The feature count is a template parameter so the per-point loops unroll (the
/// caller dispatches on the residual type).
struct LeastSquaresChunk {
  BatchFeatures f;
  BatchFeatureOffsets z0;
  BatchRows a_rows;
  ConstBatchVectors y, omega;
  BatchFlags active;
  BatchPartials part;
  PointResidualModel model;
  int n = 0;
  size_t points = 0, rows = 0, chunks = 1, chunk_rows = 0, packed = 0;
  bool exact = false;

  template <int NF>
  KOKKOS_INLINE_FUNCTION void pde_row(size_t b, size_t i, double* jrow, double& r, double* acc) const {
    double z[kMaxPointFeatures];
    point_features(f, z0, omega, b, i, NF, z);
    PointResidualValue value;
    evaluate_point_residual(model, z, exact, value);
    r = value.value;
    for (int k = 0; k < n; ++k) {
      double s = 0;
      for (int j = 0; j < NF; ++j) s += value.gradient[j] * f(b, i, j, k);
      jrow[k] = s;
    }
    if (exact) add_point_hessian(f, b, i, NF, value, acc);
  }

  template <int NF>
  KOKKOS_INLINE_FUNCTION void accumulate(size_t b, size_t begin, size_t end, double* acc) const {
    for (size_t i = begin; i < end; ++i) {
      double jrow[kMaxCoefficients];
      double r = 0;
      const bool pde = i < points;
      if (pde) {
        pde_row<NF>(b, i, jrow, r, acc);
      } else {
        const size_t q = i - points;
        r = -y(b, q);
        for (int k = 0; k < n; ++k) {
          jrow[k] = a_rows(b, q, k);
          r += jrow[k] * omega(b, k);
        }
      }
      if (!(exact && pde)) {  // (a PDE row's J_p J_pᵀ came with its Hessian)
        size_t idx = 0;
        for (int k = 0; k < n; ++k) {
          const double jk = jrow[k];
          for (int m = k; m < n; ++m, ++idx) acc[idx] += jk * jrow[m];
        }
      }
      for (int k = 0; k < n; ++k) acc[packed + k] += jrow[k] * r;
      acc[packed + n] += 0.5 * r * r;
    }
  }

  KOKKOS_INLINE_FUNCTION void operator()(const size_t item) const {
    const size_t b = item / chunks, c = item % chunks;
    if (!active(b)) return;
    double* acc = &part(b, c, 0);
    for (size_t l = 0; l < part.extent(2); ++l) acc[l] = 0;
    const size_t begin = c * chunk_rows, end = rows < begin + chunk_rows ? rows : begin + chunk_rows;
    switch (model.type) {
      case PointResidualType::DiffusionSorption:
        accumulate<point_feature_count(PointResidualType::DiffusionSorption)>(b, begin, end, acc);
        return;
      case PointResidualType::NavierStokesVorticity:
        accumulate<point_feature_count(PointResidualType::NavierStokesVorticity)>(b, begin, end, acc);
        return;
    }
  }
};

/// Fills `out` for every problem b with active(b) != 0 at the coefficients omega [B, N];
/// inactive problems keep their previous values. `partials` from make_least_squares_partials.
inline void accumulate_normal_equations(const LeastSquaresBatch& ls, const ConstBatchVectors& omega,
                                        const BatchFlags& active, CurvatureTerm term, const BatchPartials& partials,
                                        const NormalEquations& out) {
  LeastSquaresChunk chunk;
  chunk.f = ls.features;
  chunk.z0 = ls.offsets;
  chunk.a_rows = ls.linear_rows;
  chunk.y = ls.linear_targets;
  chunk.omega = omega;
  chunk.active = active;
  chunk.part = partials;
  chunk.model = ls.residual;
  chunk.n = ls.coefficients();
  chunk.points = ls.points();
  chunk.rows = chunk.points + ls.linear_count();
  chunk.chunks = partials.extent(1);
  chunk.chunk_rows = (chunk.rows + chunk.chunks - 1) / chunk.chunks;
  chunk.packed = static_cast<size_t>(chunk.n) * (chunk.n + 1) / 2;
  chunk.exact = term == CurvatureTerm::ExactHessian;
  Kokkos::parallel_for("las::least_squares_chunks", Kokkos::RangePolicy<ExecSpace>(0, ls.problems() * chunk.chunks),
                       chunk);

  const BatchPartials part = partials;
  const int n = chunk.n;
  const size_t chunks = chunk.chunks, packed = chunk.packed;
  // Sum the chunks into the full matrix, the gradient and the cost, adding the ridge rows.
  const BatchScalars cost = out.cost;
  const BatchVectors gradient = out.gradient;
  const BatchMatrices matrix = out.matrix;
  const double ridge2 = ls.ridge * ls.ridge;
  const size_t per_problem = static_cast<size_t>(n) * n + n + 1;
  Kokkos::parallel_for(
      "las::least_squares_reduce", Kokkos::RangePolicy<ExecSpace>(0, ls.problems() * per_problem),
      KOKKOS_LAMBDA(const size_t item) {
        const size_t b = item / per_problem, l = item % per_problem;
        if (!active(b)) return;
        size_t slot = 0;
        if (l < static_cast<size_t>(n) * n) {
          const size_t row = l / n, col = l % n;
          const size_t lo = row < col ? row : col, hi = row < col ? col : row;
          slot = lo * n - lo * (lo - 1) / 2 + (hi - lo);  // packed upper, row-major
        } else {
          slot = packed + (l - static_cast<size_t>(n) * n);
        }
        double s = 0;
        for (size_t c = 0; c < chunks; ++c) s += part(b, c, slot);
        if (l < static_cast<size_t>(n) * n) {
          const size_t row = l / n, col = l % n;
          matrix(b, row, col) = s + (row == col ? ridge2 : 0.0);
        } else if (slot < packed + n) {
          const size_t k = slot - packed;
          gradient(b, k) = s + ridge2 * omega(b, k);
        } else {
          double w2 = 0;
          for (int k = 0; k < n; ++k) w2 += omega(b, k) * omega(b, k);
          cost(b) = s + 0.5 * ridge2 * w2;
        }
      });
}

}  // namespace las::kernels
