// SPDX-License-Identifier: BSD-3-Clause
// The coupling between groups of rows and columns of an entropic OT plan, for the coarse
// correction of Sinkhorn-Newton-Sparse: with rows and columns labelled by group,
//   Q_kl = Σ_{i in k, j in l, k != l} P_ij,   P_ij = exp(eta (x_i + y_j - C_ij) - 1).
// Local to this rank's rows; the solver sums Q over ranks. Serial oracle: the test's
// direct double loop over the plan (tests/mpi/ot/test_ot_coarse.cpp).
#pragma once

#include <Kokkos_ScatterView.hpp>

#include "kernels/ot.hpp"

namespace las::kernels {

/// Most groups ot_group_coupling accepts: each work item keeps one row's coupling to
/// every group in registers/local memory.
constexpr int kOtMaxGroups = 32;

/// q (groups x groups, row-major, zeroed here) = the plan's mass between different
/// groups; row_group(i) and col_group(j) are in [0, groups), groups <= kOtMaxGroups.
template <class Cost>
void ot_group_coupling(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& x,
                       const ConstVector& y, const ConstArray<int>& row_group,
                       const ConstArray<int>& col_group, int groups, const Vector& q) {
  Kokkos::deep_copy(q, 0.0);
  auto q_scatter = Kokkos::Experimental::create_scatter_view(q);
  Kokkos::parallel_for(
      "las::ot_group_coupling", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        double to_group[kOtMaxGroups] = {};
        const int k = row_group(i);
        for (size_t j = 0; j < cols; ++j) {
          const int l = col_group(j);
          if (l != k) to_group[l] += exp_or_zero(eta * (x(i) + y(j) - cost(i, j)) - 1.0);
        }
        auto access = q_scatter.access();
        for (int l = 0; l < groups; ++l)
          if (to_group[l] != 0) access(static_cast<size_t>(k * groups + l)) += to_group[l];
      });
  Vector dest = q;  // contribute() takes its destination by non-const reference
  Kokkos::Experimental::contribute(dest, q_scatter);
}

/// The largest plan entry of every row and every column of the block, by exponent
/// eta (x_i + y_j - C_ij) (the plan is monotone in it, so no exp is taken):
/// row_best(i) = its column, col_best(j) = its row, col_exponent(j) = its exponent (ties:
/// the smallest index). Rows and columns that P_s keeps nothing of join the component of
/// their largest entry.
template <class Cost>
void ot_largest_entries(const Cost& cost, size_t rows, size_t cols, double eta,
                        const ConstVector& x, const ConstVector& y, const Array<int>& row_best,
                        const Array<int>& col_best, const Vector& col_exponent) {
  Kokkos::parallel_for(
      "las::ot_row_largest", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        int best = 0;
        double top = kOtLogZero;
        for (size_t j = 0; j < cols; ++j) {
          const double a = eta * (x(i) + y(j) - cost(i, j));
          if (a > top) {
            top = a;
            best = static_cast<int>(j);
          }
        }
        row_best(i) = best;
      });
  Kokkos::parallel_for(
      "las::ot_col_largest", Kokkos::RangePolicy<ExecSpace>(0, cols), KOKKOS_LAMBDA(size_t j) {
        int best = 0;
        double top = kOtLogZero;
        for (size_t i = 0; i < rows; ++i) {
          const double a = eta * (x(i) + y(j) - cost(i, j));
          if (a > top) {
            top = a;
            best = static_cast<int>(i);
          }
        }
        col_best(j) = best;
        col_exponent(j) = top;
      });
}

/// x_i += shift(row_group(i)), y_j -= shift(col_group(j)): every entry inside a group is
/// unchanged, entries from group k to group l scale by exp(eta (shift_k - shift_l)).
inline void ot_shift_groups(const ConstVector& shift, const ConstArray<int>& row_group,
                            const ConstArray<int>& col_group, const Vector& x, const Vector& y) {
  Kokkos::parallel_for(
      "las::ot_shift_rows", range_of(x), KOKKOS_LAMBDA(size_t i) { x(i) += shift(row_group(i)); });
  Kokkos::parallel_for(
      "las::ot_shift_cols", range_of(y), KOKKOS_LAMBDA(size_t j) { y(j) -= shift(col_group(j)); });
}

}  // namespace las::kernels
