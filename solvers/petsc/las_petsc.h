/* SPDX-License-Identifier: BSD-3-Clause */
/*
   las solvers inside unmodified PETSc 3.18 applications (C ABI, PETSc style).

   Types registered:
     KSPLASDCDM "lasdcdm"  the deep conjugate direction method (learned search directions)
     PCLASNN    "lasnn"    the DCDM network as a nonlinear preconditioner (KSPFCG, KSPFGMRES)
     PCLASBSOR  "lasbsor"  SOR whose omega a las bandit chooses at every KSPSolve()

   Loading: -dll_append /path/liblas_petsc.so (PETSc calls PetscDLLibraryRegister_las_petsc()),
   or LasPetscRegisterAll() after PetscInitialize() for static builds.
*/
#ifndef LAS_PETSC_H
#define LAS_PETSC_H

#include <petscksp.h>

#define KSPLASDCDM "lasdcdm"
#define PCLASNN    "lasnn"
#define PCLASBSOR  "lasbsor"

/*@C
   LasPetscRegisterAll - Registers KSPLASDCDM, PCLASNN and PCLASBSOR and las's log events.

   Not Collective; call after PetscInitialize(). Calling it again does nothing.
@*/
PETSC_EXTERN PetscErrorCode LasPetscRegisterAll(void);

/* Called by PETSc for -dll_append .../liblas_petsc.so; same as LasPetscRegisterAll(). */
PETSC_EXTERN PetscErrorCode PetscDLLibraryRegister_las_petsc(void);

/*@C
   PCLasBSorSetContext - Sets the context (an instance feature, e.g. a diagonal shift) that
   contextual learners (-pc_lasbsor_policy tsallis_inf_cb or chebcb) see at the next solve.

   Logically Collective (same value on every rank); a no-op for other PC types.
@*/
PETSC_EXTERN PetscErrorCode PCLasBSorSetContext(PC pc, PetscReal context);

/*@C
   PCLasNNSetModel - Sets the HDF5 model file (a las DCDM network) of a PCLASNN.

   Logically Collective; a no-op for other PC types. Same as -pc_lasnn_model.
@*/
PETSC_EXTERN PetscErrorCode PCLasNNSetModel(PC pc, const char file[]);

/*@C
   PCLasBSorGetOmega - The omega used by the last solve (the first grid value before any).

   Not Collective; a no-op for other PC types.
@*/
PETSC_EXTERN PetscErrorCode PCLasBSorGetOmega(PC pc, PetscReal *omega);

#endif
