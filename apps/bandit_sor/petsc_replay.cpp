// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/petsc_replay.hpp"

#include <sstream>

#include "solvers/anchors/petsc_anchor.hpp"

namespace las::bandit_sor {

ReplayTotals replay_with_petsc(sequences::LinearSystemSequence& sequence, double omega, const SolveSettings& s) {
  PetscKspOptions o;
  const bool sor = s.method == Method::Sor;
  o.ksp_type = sor ? "richardson" : "cg";
  o.pc_type = "sor";
  std::ostringstream extra;
  extra.precision(17);
  // las's SOR measures the residual against the initial one (sor.m); PETSc does so when told.
  extra << "-pc_sor_omega " << omega
        << (sor ? " -pc_sor_local_forward -ksp_converged_use_initial_residual_norm" : " -pc_sor_local_symmetric");
  o.options = extra.str();
  o.rtol = s.rtol;
  o.max_iterations = s.max_iterations;
  o.record_history = false;

  ReplayTotals totals;
  totals.omega = omega;
  std::ostringstream name;
  name << "petsc " << o.ksp_type << "+sor(omega=" << omega << ")";
  totals.solver = name.str();
  for (long long t = 0; t < sequence.length(); ++t) {
    sequences::Instance inst = sequence.instance(t);
    const auto matrix = sequences::assembled(inst);
    DistVector x = inst.x0.clone();
    const SolveReport rep = solve_with_petsc(*matrix, inst.b, x, o);
    totals.iterations += rep.converged() ? rep.iterations : s.max_iterations;
    totals.unconverged += rep.converged() ? 0 : 1;
    totals.seconds += matrix->comm().max(rep.solve_seconds);
    sequence.accept(t, x);
  }
  return totals;
}

}  // namespace las::bandit_sor
