// SPDX-License-Identifier: BSD-3-Clause
// The Newton step of Sinkhorn-Newton-Sparse: the negated Hessian of the dual with its
// coupling block sparsified, as a LinearOperator for CG.
#pragma once

#include <string>

#include "kernels/ot.hpp"
#include "solvers/core/linear_operator.hpp"
#include "solvers/core/solve_report.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/ot/dual_state.hpp"

namespace las::ot {

/// This rank's rows of P_s: row i's entries, in column order with global column indices,
/// at [row_begin(i), row_end(i)) of cols and values.
struct KeptEntries {
  kernels::OffsetArray row_begin, row_end;
  kernels::IndexArray cols;
  kernels::ValueArray values;
  size_t count = 0;  ///< entries on this rank
};

/// M = eta [[diag(P1), P_s], [P_sᵀ, diag(Pᵀ1)]]: minus the Hessian of the concave dual f,
/// with the exact diagonal blocks and the coupling block P thresholded to P_s. Keeping
/// the exact diagonals keeps M diagonally dominant, so positive semidefinite; with the full
/// P its null vector is the gauge direction (1, -1). A vector (x, y) is laid out per rank
/// as [x on this rank's rows | y on this rank's block_rows block of the columns].
class SparsifiedHessian final : public LinearOperator {
 public:
  /// p_kept: this rank's rows of P_s. Collective.
  SparsifiedHessian(const OtProblem& problem, double eta, const PlanSums& sums,
                    KeptEntries p_kept);

  const Comm& comm() const override { return problem_->comm(); }
  DistVector create_vector(const std::string& label = "las::vector") const override;
  long long global_rows() const override { return problem_->rows() + problem_->cols(); }
  void apply(const DistVector& x, DistVector& y) const override;
  void diagonal(DistVector& d) const override;
  long long global_nonzeros() const override { return global_rows() + 2 * kept_; }
  std::string description() const override;
  /// Entries of P kept in the coupling block, over all ranks.
  long long kept() const { return kept_; }

 private:
  const OtProblem* problem_;
  double eta_;
  KeptEntries p_kept_;
  kernels::Vector scaled_diagonal_;  // eta [P1 | Pᵀ1 on this rank's columns]
  kernels::Vector y_full_, transposed_, transposed_block_;  // apply()'s work vectors
  long long kept_ = 0;
};

/// P_s's CSR arrays, kept across the Newton steps of one solve: each step refills them
/// and reallocates only when it keeps more entries than they hold (P_s reaches 10^7
/// entries, whose fresh allocation and zeroing every step would cost a pass of its own).
struct NewtonWorkspace {
  kernels::OffsetArray row_counts, row_ptr;
  kernels::IndexArray cols;
  kernels::ValueArray values;
};

/// Removes the gauge component: v -= (uᵀv / uᵀu) u with u = (1, -1), the direction along
/// which f is constant (x + t, y - t give the same plan). Collective.
void project_out_gauge(const OtProblem& problem, DistVector& v);

/// A Newton ascent direction at the state's potentials.
struct NewtonDirection {
  kernels::Vector dx;   ///< this rank's rows
  kernels::Vector dy;   ///< every column
  double slope = 0;     ///< ∇f · Δz: positive for an ascent direction
  long long kept = 0;   ///< entries of P kept in the coupling block (global)
  SolveReport cg;       ///< the CG solve of M Δz = ∇f
};

/// Solves M Δz = ∇f = (r - P1, c - Pᵀ1) by Jacobi-preconditioned CG, with M sparsified
/// to keep about density·m·n entries of P (chosen from sums.histogram, which must be
/// present) and the gauge component projected out of the right-hand side and the solution.
/// Note the sign: M is minus the Hessian, so Δz ascends f. Collective.
NewtonDirection newton_direction(const DualState& state, const PlanSums& sums, double density,
                                 const CgOptions& cg);
/// The same, with P_s's arrays in `workspace` (reused from step to step).
NewtonDirection newton_direction(const DualState& state, const PlanSums& sums, double density,
                                 const CgOptions& cg, NewtonWorkspace& workspace);

}  // namespace las::ot
