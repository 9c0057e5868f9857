// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/petsc/exception_guard.hpp"

#include <exception>
#include <new>
#include <string>

#include "solvers/core/error.hpp"

namespace las::petsc {

PetscErrorCode convert_current_exception(MPI_Comm comm, const char* function) noexcept {
  PetscErrorCode code = PETSC_ERR_LIB;
  std::string message = "unknown C++ exception";
  try {
    throw;
  } catch (const ConfigError& e) {
    code = PETSC_ERR_USER_INPUT;
    message = e.what();
  } catch (const InputError& e) {
    code = PETSC_ERR_USER_INPUT;
    message = e.what();
  } catch (const std::bad_alloc&) {
    code = PETSC_ERR_MEM;
    message = "las: out of memory";
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  return PetscError(comm, __LINE__, function, __FILE__, code, PETSC_ERROR_INITIAL, "%s", message.c_str());
}

}  // namespace las::petsc
