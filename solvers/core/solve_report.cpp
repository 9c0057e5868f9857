// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/solve_report.hpp"

namespace las {

std::string to_string(SolveReason reason) {
  switch (reason) {
    case SolveReason::Iterating: return "iterating";
    case SolveReason::ConvergedRtol: return "converged: rtol";
    case SolveReason::ConvergedAtol: return "converged: atol";
    case SolveReason::DivergedMaxIterations: return "diverged: max iterations";
    case SolveReason::DivergedBreakdown: return "diverged: breakdown";
    case SolveReason::DivergedIndefinite: return "diverged: indefinite operator";
    case SolveReason::DivergedNan: return "diverged: NaN or Inf";
    case SolveReason::DivergedStagnation: return "diverged: stagnation";
  }
  return "unknown";
}

}  // namespace las
