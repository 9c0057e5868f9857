// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/krylov/dcdm.hpp"

#include <string>

#include "solvers/core/error.hpp"
#include "solvers/krylov/detail/conjugate_directions.hpp"

namespace las {

SolveReport solve_dcdm(const LinearOperator& a, const Preconditioner& net, const DistVector& b,
                       DistVector& x, const DcdmOptions& o) {
  LAS_CHECK(o.kept_directions >= 0, "dcdm: kept_directions must be >= 0, got " << o.kept_directions);
  detail::DirectionRule rule;
  rule.method = "dcdm(k=" + std::to_string(o.kept_directions) + ")";
  rule.kept = o.kept_directions;
  rule.normalize_input = true;
  // MGS: the network's output can lie close to the kept span, where the classical
  // variant's cancellation would leave A-orthogonality at sqrt(eps) level.
  rule.modified_gram_schmidt = true;
  return detail::solve_conjugate_directions(a, net, b, x, o, rule);
}

}  // namespace las
