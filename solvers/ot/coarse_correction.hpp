// SPDX-License-Identifier: BSD-3-Clause
// The coarse correction of Sinkhorn-Newton-Sparse.
//
// When the plan has clusters that exchange little mass (separated point clouds), the
// thresholded P_s keeps no entry between them and its graph falls apart into components.
// The Newton model then sees no coupling between components, and the dropped entries'
// mass on M's diagonal makes the mode "shift one component's potentials against the
// rest" as stiff as the mass inside it: the step barely moves it. Sinkhorn moves it at a
// rate of the inter-cluster mass per step, i.e. not at all. A full-density Newton step
// would fix it, at the cost of all m·n entries.
//
// The coarse step is the two-level answer (as aggregation AMG): one unknown per component,
// the shift s_k added to its rows' x and subtracted from its columns' y, leaves every
// entry inside a component unchanged and scales the mass Q_kl between components by
// exp(eta (s_k - s_l)). The dual restricted to these shifts,
//   F(s) = Σ_k s_k b_k - (1/eta) Σ_{k≠l} Q_kl exp(eta (s_k - s_l)),  b_k = r_k - c_k,
// is a concave problem in a few unknowns whose data, Q, costs one pass over the plan;
// solved exactly by dense Newton it balances the components' masses.
#pragma once

#include "kernels/common/spaces.hpp"
#include "solvers/ot/dual_state.hpp"
#include "solvers/ot/sparse_newton.hpp"

namespace las::ot {

/// Rows and columns labelled by the connected component of P_s's graph they lie in (rows
/// and columns the nodes, kept entries the edges), numbered alike on every rank.
struct PlanGroups {
  kernels::Array<int> rows;  ///< this rank's rows
  kernels::Array<int> cols;  ///< every column
  int count = 0;             ///< components, over all ranks
};

/// The components of the P_s that the last newton_direction left in `workspace`, at the
/// state's potentials; a row or column P_s keeps nothing of joins the component of its
/// largest plan entry. When there are more than kernels::kOtMaxGroups the labels are left
/// empty (count still says how many). Collective.
PlanGroups kept_components(const DualState& state, const NewtonWorkspace& workspace);

struct CoarseStep {
  bool taken = false;  ///< the step raised the dual and is now the state
  PlanSums sums;       ///< the state's sums when taken
};

/// Maximises the dual over one shift per group (2 <= groups.count <= kOtMaxGroups) and
/// takes the step when it raises the dual. The marginal error may rise: the groups'
/// totals balance, but within a group the mass moves between rows, which the next Newton
/// step (well conditioned inside a group) corrects. The dense Newton iteration starts
/// from the step that changes no exponent by more than 2 max_exponent_step. Collective.
CoarseStep coarse_correction(DualState& state, const PlanGroups& groups, double max_exponent_step);

}  // namespace las::ot
