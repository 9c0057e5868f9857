// SPDX-License-Identifier: BSD-3-Clause
// The PETSc anchor: the same linear system solved by a PETSc KSP/PC in the same run,
// so every las result comes with the number a PETSc user would have got.
#pragma once

#include <string>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/solve_report.hpp"

namespace las {

/// Initialises PETSc on `comm` unless it already is (a PETSc application calling las),
/// and finalizes it on destruction only if it initialised it. MPI must be initialised.
class PetscSession {
 public:
  explicit PetscSession(const Comm& comm);
  ~PetscSession();
  PetscSession(const PetscSession&) = delete;
  PetscSession& operator=(const PetscSession&) = delete;

 private:
  Comm comm_;  // keeps PETSC_COMM_WORLD's communicator alive while PETSc runs
  bool owner_ = false;
};

struct PetscKspOptions {
  std::string ksp_type = "cg";
  std::string pc_type = "none";
  std::string options;  ///< extra options, e.g. "-pc_gamg_threshold 0.02" (private database)
  double rtol = 1e-8;   ///< ||r|| <= rtol ||b|| in the unpreconditioned norm where the KSP allows
  double atol = 0;
  int max_iterations = 10000;
  bool record_history = true;
};

/// Solves A x = b with PETSc on an MPIAIJ copy of `a` (same row distribution), x as
/// the initial guess. Setup time covers assembly and KSPSetUp; solve time KSPSolve.
/// Options go through a private options database: a user's own options never leak in.
/// PETSc errors become las::Error with PETSc's message. Collective.
SolveReport solve_with_petsc(const DistCsrMatrix& a, const DistVector& b, DistVector& x,
                             const PetscKspOptions& options);

}  // namespace las
