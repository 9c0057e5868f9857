// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <vector>

#include "solvers/ot/ot_problem.hpp"

namespace las::ot {

/// Sums of the plan P(x, y) = exp(eta (x 1ᵀ + 1 yᵀ - C) - 1) that a Newton step, the line
/// search and the stopping test need, from one pass over the matrix.
struct PlanSums {
  kernels::Vector row_sums;  ///< P1 on this rank's rows
  kernels::Vector col_sums;  ///< Pᵀ1 for every column (summed over ranks)
  double total = 0;          ///< Σ_ij P_ij
  double dual = 0;           ///< f(x, y) = -(1/eta) Σ P + rᵀx + cᵀy
  double row_error = 0;      ///< ‖P1 - r‖₁
  double col_error = 0;      ///< ‖Pᵀ1 - c‖₁
  double error() const { return row_error + col_error; }
  /// Global counts of log P_ij in bins of width hist_width from hist_lo (the first bin also
  /// holds everything below, the last everything above); empty when not asked for.
  std::vector<long long> histogram;
  double hist_lo = 0, hist_width = 0;
};

/// The dual potentials of an OtProblem at inverse temperature eta: x on this rank's rows,
/// y on every column (replicated: each rank sweeps all columns of its rows). The pieces
/// Sinkhorn and SNS are built from. Every method is collective.
class DualState {
 public:
  DualState(const OtProblem& problem, double eta);

  const OtProblem& problem() const { return *problem_; }
  double eta() const { return eta_; }
  const kernels::Vector& x() const { return x_; }
  const kernels::Vector& y() const { return y_; }

  /// Sinkhorn, first half: the row log-sum-exps of the current y (kept for update()) and
  /// the marginal error of the current (x, y). One pass over the matrix.
  double sinkhorn_measure();
  /// Sinkhorn, second half: x makes the rows exact (from the stored log-sum-exps), then y
  /// makes the columns exact. One pass over the matrix plus an all-reduce of n pairs.
  void sinkhorn_update();

  /// The plan sums at (x, y) (one pass; the histogram if asked).
  PlanSums evaluate(const kernels::ConstVector& x, const kernels::ConstVector& y,
                    bool with_histogram) const;
  PlanSums evaluate(bool with_histogram) const { return evaluate(x_, y_, with_histogram); }
  /// Moves to potentials (x, y) whose plan sums were computed by evaluate().
  void accept(const kernels::ConstVector& x, const kernels::ConstVector& y, const PlanSums& sums);

  /// ⟨C, P⟩ and the entropic primal cost ⟨C, P⟩ + (1/eta) Σ P log P (one pass).
  void costs(double& transport, double& entropic) const;

 private:
  const OtProblem* problem_;
  double eta_;
  kernels::Vector x_, y_;
  kernels::Vector row_lse_, col_max_, col_max_global_, col_sum_;
  double col_error_;  // ‖Pᵀ1 - c‖₁ of the current (x, y)
  bool lse_fresh_ = false;
};

/// The log P threshold keeping about `keep` entries: the lower edge of the histogram bin
/// where the count from the top first reaches `keep` (so at least `keep` entries pass,
/// more by at most that bin's count); never below the histogram's range.
double select_log_threshold(const PlanSums& sums, long long keep);

}  // namespace las::ot
