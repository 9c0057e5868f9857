// SPDX-License-Identifier: BSD-3-Clause
// Internal to liblas_petsc: the type constructors LasPetscRegisterAll() registers and the
// las log events (registered there, visible in -log_view).
#pragma once

#include <petscksp.h>

PETSC_INTERN PetscErrorCode PCCreate_LasBSor(PC pc);
PETSC_INTERN PetscErrorCode PCCreate_LasNN(PC pc);
PETSC_INTERN PetscErrorCode KSPCreate_LasDcdm(KSP ksp);

namespace las::petsc {

struct LogEvents {
  PetscLogEvent bsor_choose = 0;  ///< the bandit picks omega (PCPreSolve)
  PetscLogEvent bsor_update = 0;  ///< the bandit learns from the solve (PCPostSolve, state file)
  PetscLogEvent nn_setup = 0;     ///< PCLASNN: the network's workspace on the DMDA's grid
  PetscLogEvent nn_apply = 0;     ///< PCLASNN: one forward pass (copies in and out included)
  PetscLogEvent dcdm_orthogonalize = 0;  ///< KSPLASDCDM: A-orthogonalisation of a direction
};

/// The events, valid after LasPetscRegisterAll().
const LogEvents& log_events();

}  // namespace las::petsc
