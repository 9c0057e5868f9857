// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/dual_state.hpp"

#include <mpi.h>

#include <cmath>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"
#include "solvers/ot/detail/collectives.hpp"

namespace las::ot {
namespace {

// Histogram of log P for threshold selection: near convergence every entry is at most
// about the largest marginal, and entries e^60 below it never matter to a Newton step
// (λn² ≈ 2n entries are kept), so 1024 bins over [log w_max + 1 - 60, log w_max + 1] place
// the threshold within a factor e^0.06 with one pass and no sort.
constexpr int kHistogramBins = 1024;
constexpr double kHistogramSpan = 60.0;

}  // namespace

DualState::DualState(const OtProblem& problem, double eta)
    : problem_(&problem), eta_(eta), col_error_(0) {
  LAS_CHECK(eta > 0 && std::isfinite(eta), "eta = " << eta << " must be positive and finite");
  const size_t m = static_cast<size_t>(problem.local_rows());
  const size_t n = static_cast<size_t>(problem.cols());
  x_ = kernels::Vector("las::ot_x", m);
  y_ = kernels::Vector("las::ot_y", n);
  row_lse_ = kernels::Vector("las::ot_row_lse", m);
  col_max_ = kernels::Vector("las::ot_col_max", n);
  col_max_global_ = kernels::Vector("las::ot_col_max_global", n);
  col_sum_ = kernels::Vector("las::ot_col_sum", n);
  // x = y = 0 is not column-exact: measure its column error once.
  col_error_ = evaluate(false).col_error;
}

double DualState::sinkhorn_measure() {
  const OtProblem& p = *problem_;
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double eta = eta_;
  p.visit_cost([&](const auto& cost) { kernels::ot_row_lse(cost, m, n, eta, y_, row_lse_); });
  lse_fresh_ = true;
  const double row_error =
      p.comm().sum(kernels::ot_row_error_from_lse(x_, row_lse_, p.row_weights(), eta));
  return row_error + col_error_;
}

void DualState::sinkhorn_update() {
  const OtProblem& p = *problem_;
  if (!lse_fresh_) sinkhorn_measure();
  lse_fresh_ = false;
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double eta = eta_;
  kernels::ot_potential_update(p.row_weights(), row_lse_, eta, x_);
  p.visit_cost(
      [&](const auto& cost) { kernels::ot_col_lse_partial(cost, m, n, eta, x_, col_max_, col_sum_); });
  // Combine the ranks' (max, scaled sum) pairs: global max first, then the sums re-based
  // on it, so no rank's partial sum under- or overflows.
  if (p.comm().size() > 1) {
    Kokkos::deep_copy(col_max_global_, col_max_);
    detail::allreduce(p.comm(), col_max_global_, MPI_MAX);
    kernels::ot_rebase_partial(col_max_, col_max_global_, col_sum_);
    detail::allreduce(p.comm(), col_sum_, MPI_SUM);
    kernels::ot_finish_lse(col_max_global_, col_sum_);
  } else {
    kernels::ot_finish_lse(col_max_, col_sum_);
  }
  kernels::ot_potential_update(p.col_weights(), col_sum_, eta, y_);
  // The y-update makes every column sum equal c up to rounding.
  col_error_ = 0;
}

PlanSums DualState::evaluate(const kernels::ConstVector& x, const kernels::ConstVector& y,
                             bool with_histogram) const {
  const OtProblem& p = *problem_;
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double eta = eta_;
  PlanSums s;
  s.row_sums = kernels::Vector("las::ot_row_sums", m);
  s.col_sums = kernels::Vector("las::ot_col_sums", n);
  kernels::LogHistogram hist;
  if (with_histogram) {
    s.hist_width = kHistogramSpan / kHistogramBins;
    s.hist_lo = std::log(p.max_weight()) + 1.0 - kHistogramSpan;
    hist.lo = s.hist_lo;
    hist.inv_width = 1.0 / s.hist_width;
    hist.counts = kernels::CountArray("las::ot_histogram", kHistogramBins);
  }
  // Entries e^-60 below the smallest weight change no marginal at double precision.
  const double log_floor = std::log(p.min_weight()) - kHistogramSpan;
  p.visit_cost([&](const auto& cost) {
    kernels::ot_plan_sums(cost, m, n, eta, x, y, s.row_sums, s.col_sums, hist, log_floor);
  });
  detail::allreduce(p.comm(), s.col_sums, MPI_SUM);
  // One all-reduce for the three rank-local sums; c·y and the column error are the same
  // on every rank (y and the column sums are replicated).
  double local[3] = {kernels::l1_distance(s.row_sums, p.row_weights()), kernels::sum(s.row_sums),
                     kernels::dot(p.row_weights(), x)};
  if (p.comm().size() > 1)
    MPI_Allreduce(MPI_IN_PLACE, local, 3, MPI_DOUBLE, MPI_SUM, p.comm().get());
  s.row_error = local[0];
  s.total = local[1];
  s.col_error = kernels::l1_distance(s.col_sums, p.col_weights());
  s.dual = -s.total / eta + local[2] + kernels::dot(p.col_weights(), y);
  if (with_histogram) {
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), hist.counts);
    s.histogram.assign(h.data(), h.data() + h.extent(0));
    if (p.comm().size() > 1)
      MPI_Allreduce(MPI_IN_PLACE, s.histogram.data(), kHistogramBins, MPI_LONG_LONG, MPI_SUM,
                    p.comm().get());
  }
  return s;
}

void DualState::accept(const kernels::ConstVector& x, const kernels::ConstVector& y,
                       const PlanSums& sums) {
  Kokkos::deep_copy(x_, x);
  Kokkos::deep_copy(y_, y);
  col_error_ = sums.col_error;
  lse_fresh_ = false;
}

void DualState::costs(double& transport, double& entropic) const {
  const OtProblem& p = *problem_;
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double eta = eta_;
  kernels::OtCostPair c;
  p.visit_cost([&](const auto& cost) { c = kernels::ot_costs(cost, m, n, eta, x_, y_); });
  double pair[2] = {c.transport, c.plan_log_plan};
  if (p.comm().size() > 1)
    MPI_Allreduce(MPI_IN_PLACE, pair, 2, MPI_DOUBLE, MPI_SUM, p.comm().get());
  transport = pair[0];
  entropic = pair[0] + pair[1] / eta;
}

double select_log_threshold(const PlanSums& sums, long long keep) {
  // Walk down from the top bin until `keep` entries are above the bin's lower edge. Bin 0
  // also holds everything below the range, entries e^-60 below the largest that never
  // matter to a Newton step, so the threshold stops at the range's lower end.
  long long count = 0;
  size_t b = sums.histogram.size();
  while (b > 1) {
    --b;
    count += sums.histogram[b];
    if (count >= keep) break;
  }
  return sums.hist_lo + double(b) * sums.hist_width;
}

}  // namespace las::ot
