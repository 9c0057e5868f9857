// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/krylov/fcg.hpp"

#include <string>

#include "solvers/core/error.hpp"
#include "solvers/krylov/detail/conjugate_directions.hpp"

namespace las {

SolveReport solve_fcg(const LinearOperator& a, const Preconditioner& m, const DistVector& b,
                      DistVector& x, const FcgOptions& o) {
  LAS_CHECK(o.truncation >= 0, "fcg: truncation must be >= 0, got " << o.truncation);
  detail::DirectionRule rule;
  rule.method = "fcg(m=" + std::to_string(o.truncation) + ")";
  rule.kept = o.truncation;
  // Notay's FCG hands the preconditioner r itself: a linear M then reproduces PCG.
  rule.normalize_input = false;
  rule.modified_gram_schmidt = false;
  return detail::solve_conjugate_directions(a, m, b, x, o, rule);
}

}  // namespace las
