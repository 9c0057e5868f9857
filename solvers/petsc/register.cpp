// SPDX-License-Identifier: BSD-3-Clause
// LasPetscRegisterAll() and the -dll_append entry point.
#include "solvers/petsc/las_petsc.h"
#include "solvers/petsc/plugin_internal.hpp"

namespace las::petsc {
namespace {

LogEvents events;
PetscBool registered = PETSC_FALSE;

// PetscFinalize() forgets registered types: a later PetscInitialize() must register again.
PetscErrorCode forget_registration(void) {
  registered = PETSC_FALSE;
  return 0;
}

}  // namespace

const LogEvents& log_events() { return events; }

}  // namespace las::petsc

PetscErrorCode LasPetscRegisterAll(void) {
  using las::petsc::events;
  PetscFunctionBegin;
  if (las::petsc::registered) PetscFunctionReturn(0);
  las::petsc::registered = PETSC_TRUE;
  PetscCall(PCRegister(PCLASBSOR, PCCreate_LasBSor));
  PetscCall(PCRegister(PCLASNN, PCCreate_LasNN));
  PetscCall(KSPRegister(KSPLASDCDM, KSPCreate_LasDcdm));
  // The Register calls initialised the PC and KSP packages: their class ids are valid here.
  PetscCall(PetscLogEventRegister("LasBSorChoose", PC_CLASSID, &events.bsor_choose));
  PetscCall(PetscLogEventRegister("LasBSorUpdate", PC_CLASSID, &events.bsor_update));
  PetscCall(PetscLogEventRegister("LasNNSetUp", PC_CLASSID, &events.nn_setup));
  PetscCall(PetscLogEventRegister("LasNNApply", PC_CLASSID, &events.nn_apply));
  PetscCall(PetscLogEventRegister("LasDcdmOrthog", KSP_CLASSID, &events.dcdm_orthogonalize));
  PetscCall(PetscRegisterFinalize(las::petsc::forget_registration));
  PetscFunctionReturn(0);
}

PetscErrorCode PetscDLLibraryRegister_las_petsc(void) {
  PetscFunctionBegin;
  PetscCall(LasPetscRegisterAll());
  PetscFunctionReturn(0);
}
