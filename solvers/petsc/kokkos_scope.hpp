// SPDX-License-Identifier: BSD-3-Clause
// Internal: las's network kernels need Kokkos. A PETSc built with Kokkos initialises it
// itself; otherwise the plug-in does, once, and finalizes it in PetscFinalize() (only what
// it initialised: a Kokkos someone else started is left alone).
#pragma once

#include <petscsys.h>

namespace las::petsc {

/// Initialises Kokkos unless it is running; registers its finalization with
/// PetscRegisterFinalize() when it was this call that started it. Not collective.
PetscErrorCode ensure_kokkos_initialized();

}  // namespace las::petsc
