// SPDX-License-Identifier: BSD-3-Clause
// Small dense Cholesky factorisation and solves for many independent SPD systems at once
// (N up to a few dozen, the batch in the thousands): one work item per system, in place.
// The per-system routines are KOKKOS_INLINE_FUNCTIONs so fused kernels (the LM's damped
// step) can call them too. A non-positive or NaN pivot flags the system instead of
// producing garbage. Serial oracle: reference/batched_cholesky_ref.hpp.
#pragma once

#include <Kokkos_Core.hpp>
#include <Kokkos_MathematicalFunctions.hpp>

#include "kernels/common/spaces.hpp"

namespace las::kernels {

/// [batch, n, n] row-major matrices, [batch, n] vectors, [batch] scalars and flags.
using BatchMatrices = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>;
using ConstBatchMatrices = Kokkos::View<const double***, Kokkos::LayoutRight, MemSpace>;
using BatchVectors = Kokkos::View<double**, Kokkos::LayoutRight, MemSpace>;
using ConstBatchVectors = Kokkos::View<const double**, Kokkos::LayoutRight, MemSpace>;
using BatchScalars = Kokkos::View<double*, MemSpace>;
using BatchFlags = Kokkos::View<int*, MemSpace>;

/// Overwrites the lower triangle of the n x n matrix `a` (only its lower triangle is read)
/// with L, a = L Lᵀ. Returns false at the first pivot that is not > 0 (NaN included).
template <class Matrix>
KOKKOS_INLINE_FUNCTION bool cholesky_factor_in_place(const Matrix& a, int n) {
  for (int j = 0; j < n; ++j) {
    double d = a(j, j);
    for (int k = 0; k < j; ++k) d -= a(j, k) * a(j, k);
    if (!(d > 0)) return false;  // also catches NaN
    const double ljj = Kokkos::Experimental::sqrt(d);
    a(j, j) = ljj;
    for (int i = j + 1; i < n; ++i) {
      double s = a(i, j);
      for (int k = 0; k < j; ++k) s -= a(i, k) * a(j, k);
      a(i, j) = s / ljj;
    }
  }
  return true;
}

/// Solves L Lᵀ x = b in place (x holds b on entry) with L from cholesky_factor_in_place.
template <class Matrix, class Vec>
KOKKOS_INLINE_FUNCTION void cholesky_solve_in_place(const Matrix& l, const Vec& x, int n) {
  for (int i = 0; i < n; ++i) {
    double s = x(i);
    for (int k = 0; k < i; ++k) s -= l(i, k) * x(k);
    x(i) = s / l(i, i);
  }
  for (int i = n - 1; i >= 0; --i) {
    double s = x(i);
    for (int k = i + 1; k < n; ++k) s -= l(k, i) * x(k);
    x(i) = s / l(i, i);
  }
}

/// Factors every a[b] in place; failed[b] = 1 where a[b] is not (numerically) SPD, else 0.
inline void batched_cholesky_factor(const BatchMatrices& a, const BatchFlags& failed) {
  const int n = static_cast<int>(a.extent(1));
  Kokkos::parallel_for(
      "las::batched_cholesky_factor", Kokkos::RangePolicy<ExecSpace>(0, a.extent(0)), KOKKOS_LAMBDA(const size_t b) {
        const auto m = Kokkos::subview(a, b, Kokkos::ALL, Kokkos::ALL);
        failed(b) = cholesky_factor_in_place(m, n) ? 0 : 1;
      });
}

/// x[b] ← (L Lᵀ)⁻¹ x[b] for the factors from batched_cholesky_factor; systems flagged in
/// `failed` are left unchanged.
inline void batched_cholesky_solve(const ConstBatchMatrices& l, const BatchFlags& failed, const BatchVectors& x) {
  const int n = static_cast<int>(l.extent(1));
  Kokkos::parallel_for(
      "las::batched_cholesky_solve", Kokkos::RangePolicy<ExecSpace>(0, l.extent(0)), KOKKOS_LAMBDA(const size_t b) {
        if (failed(b)) return;
        cholesky_solve_in_place(Kokkos::subview(l, b, Kokkos::ALL, Kokkos::ALL),
                                Kokkos::subview(x, b, Kokkos::ALL), n);
      });
}

}  // namespace las::kernels
