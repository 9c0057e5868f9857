// SPDX-License-Identifier: BSD-3-Clause
// PETSc's answer to the same sequence: Richardson + PCSOR (stationary SOR) or CG + PCSOR
// (SSOR-PCG) at a fixed ω, replayed instance by instance on a fresh copy of the sequence.
#pragma once

#include <string>

#include "apps/bandit_sor/omega_solve.hpp"
#include "solvers/sequences/linear_system_sequence.hpp"

namespace las::bandit_sor {

struct ReplayTotals {
  std::string solver;        ///< "petsc richardson+sor(omega=1)"
  double omega = 1;
  double iterations = 0;     ///< total over the sequence (a non-converged solve counts the cap)
  double seconds = 0;        ///< total KSPSolve time (max over ranks)
  long long unconverged = 0;
};

/// PETSc's PCSOR is, in parallel, block Jacobi with SOR inside each rank's block
/// (local forward sweeps for SOR, local symmetric sweeps for SSOR): the same as las's
/// lexicographic ordering, so iteration counts agree at one rank. Collective.
ReplayTotals replay_with_petsc(sequences::LinearSystemSequence& sequence, double omega,
                               const SolveSettings& settings);

}  // namespace las::bandit_sor
