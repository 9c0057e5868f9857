// SPDX-License-Identifier: BSD-3-Clause
// One solve of one instance at one ω: the unit every policy and baseline pays for.
#pragma once

#include <string>

#include "solvers/relaxation/sor_sweeper.hpp"
#include "solvers/sequences/linear_system_sequence.hpp"

namespace las::bandit_sor {

enum class Method { Sor, SsorPcg };

struct SolveSettings {
  Method method = Method::Sor;
  SorOrdering ordering = SorOrdering::Lexicographic;
  double rtol = 1e-8;
  int max_iterations = 10000;
};

/// What a solve cost. A solve that does not converge is charged the full cap, as the
/// paper does, so a learner is never rewarded for diverging quickly.
struct Outcome {
  int iterations = 0;     ///< iterations to tolerance, or max_iterations
  double seconds = 0;     ///< solve time, the maximum over ranks (identical everywhere)
  bool converged = false;
};

/// Solves instance `inst` from inst.x0 with ω; the solution is left in x. Collective.
Outcome solve_with_omega(const sequences::Instance& inst, double omega, const SolveSettings& settings,
                         DistVector& x);

std::string to_string(Method method);

}  // namespace las::bandit_sor
