// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kernels/ot.hpp"
#include "solvers/core/comm.hpp"

namespace las::ot {

using kernels::OtCost;

/// "sqeuclidean", "euclidean", "l1" (deck and report names); InputError otherwise.
OtCost parse_cost(const std::string& name);
std::string to_string(OtCost cost);

/// A discrete optimal-transport problem between row weights r (m entries) and column
/// weights c (n entries) with cost C (m x n). Rows of C (and of every plan) are split over
/// the ranks by block_rows; r and c are replicated (O(m + n) per rank). The cost is
/// either this rank's stored dense block or computed on the fly from points, so no rank
/// ever holds the whole matrix. Construction validates the input (collective: every rank
/// throws the same InputError naming the first culprit).
class OtProblem {
 public:
  /// cost_block: this rank's block_rows rows of the m x n cost, row-major.
  static OtProblem dense(const Comm& comm, const std::vector<double>& r,
                         const std::vector<double>& c, const std::vector<double>& cost_block);
  /// row_points: this rank's block_rows rows' points; col_points: all n columns' points;
  /// both row-major with `dim` coordinates per point.
  static OtProblem points(const Comm& comm, const std::vector<double>& r,
                          const std::vector<double>& c, const std::vector<double>& row_points,
                          const std::vector<double>& col_points, int dim, OtCost metric);

  const Comm& comm() const { return comm_; }
  long long rows() const { return rows_; }
  long long cols() const { return cols_; }
  long long local_rows() const { return local_rows_; }
  long long row_offset() const { return row_offset_; }
  /// This rank's share of the columns (the y part of Newton vectors): block_rows of n.
  long long local_cols() const { return local_cols_; }
  long long col_offset() const { return col_offset_; }
  /// Row weights of this rank's rows, and all column weights (device).
  const kernels::Vector& row_weights() const { return r_local_; }
  const kernels::Vector& col_weights() const { return c_; }
  /// Σ r (= Σ c after validation, which rescales c by at most the mass tolerance).
  double mass() const { return mass_; }
  double min_weight() const { return min_weight_; }
  double max_weight() const { return max_weight_; }
  bool has_points() const { return has_points_; }
  /// "dense cost 500 x 500" or "points 1000 x 1000 in 2D, sqeuclidean".
  std::string description() const;

  /// Calls f with this rank's cost functor (kernels::DenseCostBlock or
  /// kernels::PointCost): the solvers are written once for both.
  template <class F>
  decltype(auto) visit_cost(F&& f) const {
    if (has_points_) return f(kernels::PointCost{row_points_, col_points_, metric_});
    return f(kernels::DenseCostBlock{cost_block_});
  }

  /// Relative tolerance on |Σr - Σc| / Σr; within it c is rescaled to Σr.
  static constexpr double kMassTolerance = 1e-8;

 private:
  OtProblem(const Comm& comm, const std::vector<double>& r, const std::vector<double>& c);

  Comm comm_;
  long long rows_ = 0, cols_ = 0;
  long long local_rows_ = 0, row_offset_ = 0, local_cols_ = 0, col_offset_ = 0;
  kernels::Vector r_local_, c_;
  double mass_ = 0, min_weight_ = 0, max_weight_ = 0;
  bool has_points_ = false;
  kernels::Matrix cost_block_;
  kernels::Matrix row_points_, col_points_;
  OtCost metric_ = OtCost::SquaredEuclidean;
  int dim_ = 0;
};

}  // namespace las::ot
