// SPDX-License-Identifier: BSD-3-Clause
// Entropic optimal-transport kernels on one rank's block of rows of the cost matrix.
//
// With potentials x (this rank's rows) and y (every column) the plan is
//   P_ij = exp(a_ij),  a_ij = eta (x_i + y_j - C_ij) - 1,
// and Sinkhorn / SNS need row and column sums of P or of exp(eta (y_j - C_ij)) and
// exp(eta (x_i - C_ij)). At eta = 1200 with O(1) costs those exponents reach -1000 and
// underflow, so the reductions below are max-shifted log-sum-exps. Each kernel takes a
// cost functor (a stored dense block or points with a metric) so a cost matrix computed
// on the fly is never stored. Local only: the solver combines column partials over MPI.
// Serial oracles: reference/ot_ref.hpp.
#pragma once

#include <Kokkos_MathematicalFunctions.hpp>
#include <Kokkos_ScatterView.hpp>

#include "kernels/common/spaces.hpp"

namespace las::kernels {

/// Row-major rank-2 arrays: one row of the cost block, or one point, is contiguous.
using Matrix = Kokkos::View<double**, Kokkos::LayoutRight, MemSpace>;
using ConstMatrix = Kokkos::View<const double**, Kokkos::LayoutRight, MemSpace>;
using CountArray = Kokkos::View<long long*, MemSpace>;
using OffsetArray = Kokkos::View<size_t*, MemSpace>;
using IndexArray = Kokkos::View<int*, MemSpace>;
/// CSR values in the layout KokkosSparse::CrsMatrix stores.
using ValueArray = Kokkos::View<double*, MemSpace>;

/// A log-domain "zero": exp(kOtLogZero - a) is exactly 0 for any finite exponent a the
/// kernels see, and unlike -inf it never produces inf - inf = NaN.
constexpr double kOtLogZero = -1.0e300;

template <class V>
Kokkos::RangePolicy<ExecSpace> range_of(const V& v) {
  return Kokkos::RangePolicy<ExecSpace>(0, v.extent(0));
}

enum class OtCost : int { SquaredEuclidean = 0, Euclidean = 1, L1 = 2 };

/// C_ij read from this rank's stored block (local row i, global column j).
struct DenseCostBlock {
  ConstMatrix c;
  KOKKOS_INLINE_FUNCTION double operator()(size_t i, size_t j) const { return c(i, j); }
};

/// C_ij = d(row_points(i), col_points(j)), computed when needed: the n x n matrix is
/// never formed, so memory stays O(n d) per rank.
struct PointCost {
  ConstMatrix row_points;  ///< this rank's rows, one point each
  ConstMatrix col_points;  ///< every column's point
  OtCost kind = OtCost::SquaredEuclidean;
  KOKKOS_INLINE_FUNCTION double operator()(size_t i, size_t j) const {
    const size_t dim = row_points.extent(1);
    double s = 0;
    if (kind == OtCost::L1) {
      for (size_t k = 0; k < dim; ++k)
        s += Kokkos::Experimental::fabs(row_points(i, k) - col_points(j, k));
      return s;
    }
    for (size_t k = 0; k < dim; ++k) {
      const double d = row_points(i, k) - col_points(j, k);
      s += d * d;
    }
    return kind == OtCost::Euclidean ? Kokkos::Experimental::sqrt(s) : s;
  }
};

/// Exponents below this give exp() < 1e-304, at or below the smallest normal double:
/// they are skipped as zeros. Besides saving the exp, this matters for speed: libm's exp
/// takes a slow path for results that underflow into subnormals, and at eta = 1200 most
/// entries of a row are such (measured: 23 ns per entry with the slow path, ~5 without).
constexpr double kOtExpCutoff = -700.0;

/// exp(a), with exponents below kOtExpCutoff flushed to 0.
KOKKOS_INLINE_FUNCTION double exp_or_zero(double a) {
  return a < kOtExpCutoff ? 0.0 : Kokkos::Experimental::exp(a);
}

/// Terms of a log-sum-exp more than this below the running maximum are dropped: each is
/// < e^-50 ≈ 2e-22 of the largest term, so even 10^6 of them move the log-sum by < 1e-15.
/// At eta = 1200 nearly every term of a row is that small, so most terms cost a compare
/// and a well-predicted branch instead of an exp.
constexpr double kOtLseCutoff = -50.0;

/// One step of a streaming (online) log-sum-exp: (m, s) represents m + log s. At most one
/// exp per term; the running sum is rescaled only when a new maximum arrives.
KOKKOS_INLINE_FUNCTION void lse_push(double a, double& m, double& s) {
  const double d = a - m;
  if (d <= 0) {
    if (d > kOtLseCutoff) s += Kokkos::Experimental::exp(d);
  } else {
    s = (d < -kOtLseCutoff ? s * Kokkos::Experimental::exp(-d) : 0.0) + 1.0;
    m = a;
  }
}

/// lse(i) = log sum_j exp(eta (y_j - C_ij)) over all cols columns, for each local row.
/// Sinkhorn's x-update is x_i = (log r_i + 1 - lse(i)) / eta.
template <class Cost>
void ot_row_lse(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& y,
                const Vector& lse) {
  Kokkos::parallel_for(
      "las::ot_row_lse", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        double m = kOtLogZero, s = 0;
        for (size_t j = 0; j < cols; ++j) lse_push(eta * (y(j) - cost(i, j)), m, s);
        lse(i) = m + Kokkos::Experimental::log(s);
      });
}

/// For each column j, this rank's part of log sum_i exp(eta (x_i - C_ij)) as a pair:
/// col_max(j) = max_i eta (x_i - C_ij) and col_sum(j) = sum_i exp(eta (x_i - C_ij) -
/// col_max(j)). Ranks combine pairs with M = max m, S = sum s exp(m - M). A rank with no
/// rows gives (kOtLogZero, 0), the identity of that combination.
template <class Cost>
void ot_col_lse_partial(const Cost& cost, size_t rows, size_t cols, double eta,
                        const ConstVector& x, const Vector& col_max, const Vector& col_sum) {
  Kokkos::parallel_for(
      "las::ot_col_lse_partial", Kokkos::RangePolicy<ExecSpace>(0, cols),
      KOKKOS_LAMBDA(size_t j) {
        double m = kOtLogZero, s = 0;
        for (size_t i = 0; i < rows; ++i) lse_push(eta * (x(i) - cost(i, j)), m, s);
        col_max(j) = m;
        col_sum(j) = s;
      });
}

/// A fixed-width histogram of log P_ij for threshold selection: bin b holds exponents in
/// [lo + b w, lo + (b+1) w); exponents below lo go to bin 0 and above the top to the last
/// bin. An empty `counts` view turns the histogram off.
struct LogHistogram {
  double lo = 0;
  double inv_width = 1;
  CountArray counts;
};

/// Row sums of P (row_sums(i)), this rank's column partial sums (col_partial(j), to be
/// summed over ranks), and optionally the histogram of log P_ij, in one pass with at most
/// one exp per entry: entries with log P_ij < log_floor count as 0 (the caller picks a
/// floor far below every marginal; at eta = 1200 most entries are, and skipping their exp
/// is most of the pass's speed). col_partial and the histogram are accumulated through
/// ScatterViews (plain adds on Serial, atomics or duplicates on threaded/GPU backends);
/// both are overwritten, not added to.
template <class Cost>
void ot_plan_sums(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& x,
                  const ConstVector& y, const Vector& row_sums, const Vector& col_partial,
                  const LogHistogram& hist, double log_floor = kOtExpCutoff) {
  const double cutoff = log_floor > kOtExpCutoff ? log_floor : kOtExpCutoff;
  Kokkos::deep_copy(col_partial, 0.0);
  const bool with_hist = hist.counts.extent(0) > 0;
  if (with_hist) Kokkos::deep_copy(hist.counts, 0LL);
  const long long bins = static_cast<long long>(hist.counts.extent(0));
  const double lo = hist.lo, inv_width = hist.inv_width;
  auto cols_scatter = Kokkos::Experimental::create_scatter_view(col_partial);
  auto hist_scatter = Kokkos::Experimental::create_scatter_view(hist.counts);
  Kokkos::parallel_for(
      "las::ot_plan_sums", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        auto col_access = cols_scatter.access();
        auto hist_access = hist_scatter.access();
        double s = 0;
        for (size_t j = 0; j < cols; ++j) {
          const double a = eta * (x(i) + y(j) - cost(i, j)) - 1.0;
          if (a >= cutoff) {
            const double p = Kokkos::Experimental::exp(a);
            s += p;
            col_access(j) += p;
          }
          if (with_hist) {
            const double t = (a - lo) * inv_width;
            const long long b = t <= 0 ? 0 : (t >= double(bins - 1) ? bins - 1 : (long long)t);
            hist_access(b) += 1LL;
          }
        }
        row_sums(i) = s;
      });
  Vector col_dest = col_partial;  // contribute() takes its destination by non-const reference
  CountArray hist_dest = hist.counts;
  Kokkos::Experimental::contribute(col_dest, cols_scatter);
  if (with_hist) Kokkos::Experimental::contribute(hist_dest, hist_scatter);
}

/// row_counts(i) = number of j with log P_ij >= log_threshold. No exp: a comparison of
/// exponents, so counting the kept entries costs one cost evaluation per entry.
template <class Cost>
void ot_count_above(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& x,
                    const ConstVector& y, double log_threshold, const OffsetArray& row_counts) {
  Kokkos::parallel_for(
      "las::ot_count_above", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        size_t k = 0;
        for (size_t j = 0; j < cols; ++j)
          if (eta * (x(i) + y(j) - cost(i, j)) - 1.0 >= log_threshold) ++k;
        row_counts(i) = k;
      });
}

/// Exclusive scan of row counts into CSR row offsets (row_ptr has rows + 1 entries);
/// returns the number of stored entries.
inline size_t ot_row_offsets(const OffsetArray& row_counts, const OffsetArray& row_ptr) {
  const size_t rows = row_counts.extent(0);
  size_t total = 0;
  Kokkos::parallel_scan(
      "las::ot_row_offsets", Kokkos::RangePolicy<ExecSpace>(0, rows),
      KOKKOS_LAMBDA(size_t i, size_t& partial, bool final) {
        if (final) row_ptr(i) = partial;
        partial += row_counts(i);
      },
      total);
  Kokkos::deep_copy(Kokkos::subview(row_ptr, rows), total);
  return total;
}

/// The entries with log P_ij >= log_threshold in CSR form (global column indices, the
/// value P_ij), into arrays sized by ot_count_above + ot_row_offsets.
template <class Cost>
void ot_gather_above(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& x,
                     const ConstVector& y, double log_threshold, const OffsetArray& row_ptr,
                     const IndexArray& col_index, const ValueArray& values) {
  Kokkos::parallel_for(
      "las::ot_gather_above", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        size_t e = row_ptr(i);
        for (size_t j = 0; j < cols; ++j) {
          const double a = eta * (x(i) + y(j) - cost(i, j)) - 1.0;
          if (a >= log_threshold) {
            col_index(e) = static_cast<int>(j);
            values(e) = Kokkos::Experimental::exp(a);
            ++e;
          }
        }
      });
}

/// The row half of SNS's Newton matrix M = [[diag(dx), eta P_s], [eta P_sᵀ, diag(dy)]]
/// applied to v = (vx, vy) with ONE read of P_s (this rank's rows; row i's entries, in
/// column order with global column indices, at [row_begin(i), row_end(i))):
///   out_x = dx ∘ vx + eta P_s vy_full   and   col_partial = eta P_sᵀ vx
/// (this rank's part, to be summed over ranks; overwritten). At large densities P_s does
/// not fit in cache and CG's matvec streams it from memory, so one read for both products
/// instead of one per product halves that traffic. Each row's P_s vy is summed in four
/// interleaved partial sums (entries e, e+4, ... of the row in each, the tail in the
/// first, then added in order): the order of KokkosKernels' serial CSR SpMV, so on Serial
/// the result is bitwise that of spmv("N") and spmv("T"), and so are SNS's iterates.
/// col_partial is accumulated through a ScatterView (plain adds on Serial, atomics or
/// duplicates on threaded/GPU backends).
inline void ot_newton_apply_rows(const OffsetArray& row_begin, const OffsetArray& row_end,
                                 const IndexArray& col_index, const ValueArray& values,
                                 double eta, const ConstVector& dx, const ConstVector& vx,
                                 const ConstVector& vy_full, const Vector& out_x,
                                 const Vector& col_partial) {
  Kokkos::deep_copy(col_partial, 0.0);
  auto cols_scatter = Kokkos::Experimental::create_scatter_view(col_partial);
  Kokkos::parallel_for(
      "las::ot_newton_apply_rows", range_of(out_x), KOKKOS_LAMBDA(size_t i) {
        auto col_access = cols_scatter.access();
        const double eta_xi = eta * vx(i);
        const size_t begin = row_begin(i), end = row_end(i);
        const size_t end4 = begin + (end - begin) / 4 * 4;
        double s[4] = {0, 0, 0, 0};
        size_t e = begin;
        for (; e < end4; e += 4)
          for (int k = 0; k < 4; ++k) {
            const int j = col_index(e + k);
            const double p = values(e + k);
            s[k] += p * vy_full(j);
            col_access(j) += p * eta_xi;
          }
        for (; e < end; ++e) {
          const int j = col_index(e);
          const double p = values(e);
          s[0] += p * vy_full(j);
          col_access(j) += p * eta_xi;
        }
        out_x(i) = dx(i) * vx(i) + eta * (s[0] + s[1] + s[2] + s[3]);
      });
  Vector col_dest = col_partial;  // contribute() takes its destination by non-const reference
  Kokkos::Experimental::contribute(col_dest, cols_scatter);
}

/// The column half of the same product: out_y = dy ∘ vy + col_block (this rank's block
/// of the summed column partials).
inline void ot_newton_apply_cols(const ConstVector& dy, const ConstVector& vy,
                                 const ConstVector& col_block, const Vector& out_y) {
  Kokkos::parallel_for(
      "las::ot_newton_apply_cols", range_of(out_y),
      KOKKOS_LAMBDA(size_t j) { out_y(j) = dy(j) * vy(j) + col_block(j); });
}

/// plan(i, j) = P_ij for this rank's rows (a dense block: tests and small outputs).
template <class Cost>
void ot_plan_block(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& x,
                   const ConstVector& y, const Matrix& plan) {
  Kokkos::parallel_for(
      "las::ot_plan_block", Kokkos::RangePolicy<ExecSpace>(0, rows), KOKKOS_LAMBDA(size_t i) {
        for (size_t j = 0; j < cols; ++j)
          plan(i, j) = Kokkos::Experimental::exp(eta * (x(i) + y(j) - cost(i, j)) - 1.0);
      });
}

/// This rank's part of the transport cost <C, P> (first) and of sum P_ij log P_ij
/// (second), in one pass.
struct OtCostPair {
  double transport = 0;
  double plan_log_plan = 0;
  KOKKOS_INLINE_FUNCTION OtCostPair& operator+=(const OtCostPair& o) {
    transport += o.transport;
    plan_log_plan += o.plan_log_plan;
    return *this;
  }
};

}  // namespace las::kernels

namespace Kokkos {
template <>
struct reduction_identity<las::kernels::OtCostPair> {
  KOKKOS_FORCEINLINE_FUNCTION static las::kernels::OtCostPair sum() { return {}; }
};
}  // namespace Kokkos

namespace las::kernels {

template <class Cost>
OtCostPair ot_costs(const Cost& cost, size_t rows, size_t cols, double eta, const ConstVector& x,
                    const ConstVector& y) {
  OtCostPair total;
  Kokkos::parallel_reduce(
      "las::ot_costs", Kokkos::RangePolicy<ExecSpace>(0, rows),
      KOKKOS_LAMBDA(size_t i, OtCostPair& acc) {
        for (size_t j = 0; j < cols; ++j) {
          const double c = cost(i, j);
          const double a = eta * (x(i) + y(j) - c) - 1.0;
          const double p = exp_or_zero(a);
          acc.transport += c * p;
          acc.plan_log_plan += p * a;  // log P_ij = a exactly: no log of an underflowed 0
        }
      },
      total);
  return total;
}

// Element-wise steps of the Sinkhorn update, between the reductions above.

/// out(i) = (log w(i) + 1 - lse(i)) / eta: the potential that makes the marginal exact.
inline void ot_potential_update(const ConstVector& w, const ConstVector& lse, double eta,
                                const Vector& out) {
  Kokkos::parallel_for(
      "las::ot_potential_update", range_of(w), KOKKOS_LAMBDA(size_t i) {
        out(i) = (Kokkos::Experimental::log(w(i)) + 1.0 - lse(i)) / eta;
      });
}

/// Re-bases this rank's column partial sums on the global maxima before they are summed
/// over ranks: sum(j) *= exp(local_max(j) - global_max(j)).
inline void ot_rebase_partial(const ConstVector& local_max, const ConstVector& global_max,
                              const Vector& sum) {
  Kokkos::parallel_for(
      "las::ot_rebase_partial", range_of(sum), KOKKOS_LAMBDA(size_t j) {
        sum(j) *= Kokkos::Experimental::exp(local_max(j) - global_max(j));
      });
}

/// lse(j) = max(j) + log sum(j), in place of sum.
inline void ot_finish_lse(const ConstVector& max, const Vector& sum) {
  Kokkos::parallel_for(
      "las::ot_finish_lse", range_of(sum), KOKKOS_LAMBDA(size_t j) {
        sum(j) = max(j) + Kokkos::Experimental::log(sum(j));
      });
}

/// sum_i |exp(eta x_i - 1 + lse_i) - w_i|: the row marginal error of the plan whose row
/// sums the row log-sum-exps give, without another pass over the matrix.
inline double ot_row_error_from_lse(const ConstVector& x, const ConstVector& lse,
                                    const ConstVector& w, double eta) {
  double e = 0;
  Kokkos::parallel_reduce(
      "las::ot_row_error_from_lse", range_of(w),
      KOKKOS_LAMBDA(size_t i, double& acc) {
        acc += Kokkos::Experimental::fabs(
            Kokkos::Experimental::exp(eta * x(i) - 1.0 + lse(i)) - w(i));
      },
      e);
  return e;
}

/// max_i |v_i| (0 for an empty vector).
inline double max_abs(const ConstVector& v) {
  double m = 0;
  Kokkos::parallel_reduce(
      "las::max_abs", range_of(v),
      KOKKOS_LAMBDA(size_t i, double& acc) {
        const double a = Kokkos::Experimental::fabs(v(i));
        if (a > acc) acc = a;
      },
      Kokkos::Max<double>(m));
  return m > 0 ? m : 0.0;  // the reducer's identity on an empty range is the lowest double
}

/// sum_i |a_i - b_i|.
inline double l1_distance(const ConstVector& a, const ConstVector& b) {
  double e = 0;
  Kokkos::parallel_reduce(
      "las::l1_distance", range_of(a),
      KOKKOS_LAMBDA(size_t i, double& acc) { acc += Kokkos::Experimental::fabs(a(i) - b(i)); },
      e);
  return e;
}

}  // namespace las::kernels
