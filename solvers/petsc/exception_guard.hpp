// SPDX-License-Identifier: BSD-3-Clause
// Internal: no C++ exception crosses the plug-in's C boundary. Every PETSc callback runs
// its body through guarded(), which turns a las::Error (or any exception) into a PETSc
// error carrying las's one-line message, so PETSc's handler prints it and the caller's
// PetscCall unwinds as for PETSc's own errors.
#pragma once

#include <petscsys.h>

#include <utility>

namespace las::petsc {

/// Maps the exception being handled (call only inside a catch block) to a PETSc error on
/// `comm` raised from `function`: ConfigError/InputError -> PETSC_ERR_USER_INPUT,
/// std::bad_alloc -> PETSC_ERR_MEM, anything else -> PETSC_ERR_LIB.
PetscErrorCode convert_current_exception(MPI_Comm comm, const char* function) noexcept;

/// Runs `body` (a callable returning PetscErrorCode, free to use PetscCall) and converts
/// any exception it throws. `function` names the PETSc-side function in the traceback.
template <class Body>
PetscErrorCode guarded(MPI_Comm comm, const char* function, Body&& body) noexcept {
  try {
    return std::forward<Body>(body)();
  } catch (...) {
    return convert_current_exception(comm, function);
  }
}

}  // namespace las::petsc
