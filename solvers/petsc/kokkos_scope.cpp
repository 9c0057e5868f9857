// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/petsc/kokkos_scope.hpp"

#include <Kokkos_Core.hpp>

namespace las::petsc {
namespace {

PetscErrorCode finalize_kokkos(void) {
  // The plug-in's Views live in PC/KSP contexts, destroyed before PetscFinalize() runs this.
  if (Kokkos::is_initialized()) Kokkos::finalize();
  return 0;
}

}  // namespace

PetscErrorCode ensure_kokkos_initialized() {
  PetscFunctionBegin;
  if (Kokkos::is_initialized()) PetscFunctionReturn(0);
  Kokkos::initialize();
  PetscCall(PetscRegisterFinalize(finalize_kokkos));
  PetscFunctionReturn(0);
}

}  // namespace las::petsc
