// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/anchors/petsc_anchor.hpp"

#include <petscksp.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "solvers/core/error.hpp"

namespace las {
namespace {

// Turns a PETSc error code into a las::Error with PETSc's own message.
void check(PetscErrorCode ierr, const char* what) {
  if (ierr == 0) return;
  const char* text = nullptr;
  PetscErrorMessage(ierr, &text, nullptr);
  throw Error(std::string("PETSc: ") + what + " failed: " + (text ? text : "unknown error"));
}

SolveReason map_reason(KSPConvergedReason r) {
  switch (r) {
    case KSP_CONVERGED_RTOL:
    case KSP_CONVERGED_RTOL_NORMAL: return SolveReason::ConvergedRtol;
    case KSP_CONVERGED_ATOL:
    case KSP_CONVERGED_ATOL_NORMAL: return SolveReason::ConvergedAtol;
    case KSP_DIVERGED_ITS: return SolveReason::DivergedMaxIterations;
    case KSP_DIVERGED_INDEFINITE_PC:
    case KSP_DIVERGED_INDEFINITE_MAT: return SolveReason::DivergedIndefinite;
    case KSP_DIVERGED_NANORINF: return SolveReason::DivergedNan;
    default: return static_cast<int>(r) > 0 ? SolveReason::ConvergedRtol : SolveReason::DivergedBreakdown;
  }
}

// RAII for the PETSc objects of one solve: destroyed on every path out.
struct PetscObjects {
  Mat a = nullptr;
  Vec b = nullptr, x = nullptr, r = nullptr;
  KSP ksp = nullptr;
  PetscOptions options = nullptr;
  // PETSc's default handler prints a multi-line traceback; las reports one line.
  PetscObjects() { PetscPushErrorHandler(PetscReturnErrorHandler, nullptr); }
  ~PetscObjects() {
    PetscPopErrorHandler();
    KSPDestroy(&ksp);
    PetscOptionsDestroy(&options);
    VecDestroy(&r);
    VecDestroy(&x);
    VecDestroy(&b);
    MatDestroy(&a);
  }
};

void copy_to_petsc(const DistVector& v, Vec p) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  PetscScalar* arr = nullptr;
  check(VecGetArray(p, &arr), "VecGetArray");
  std::copy(h.data(), h.data() + h.extent(0), arr);
  check(VecRestoreArray(p, &arr), "VecRestoreArray");
}

void copy_from_petsc(Vec p, DistVector& v) {
  auto h = Kokkos::create_mirror_view(v.view());
  const PetscScalar* arr = nullptr;
  check(VecGetArrayRead(p, &arr), "VecGetArrayRead");
  std::copy(arr, arr + h.extent(0), h.data());
  check(VecRestoreArrayRead(p, &arr), "VecRestoreArrayRead");
  Kokkos::deep_copy(v.view(), h);
}

// An MPIAIJ matrix with las's row distribution, preallocated exactly.
void build_matrix(const DistCsrMatrix& a, Mat* out) {
  const MPI_Comm comm = a.comm().get();
  const CsrRows rows = a.local_rows_global();
  const PetscInt n = static_cast<PetscInt>(a.local_rows());
  const long long lo = a.row_offset(), hi = lo + a.local_rows();
  std::vector<PetscInt> d_nnz(n, 0), o_nnz(n, 0);
  for (PetscInt i = 0; i < n; ++i)
    for (size_t e = rows.row_ptr[i]; e < rows.row_ptr[i + 1]; ++e)
      (rows.cols[e] >= lo && rows.cols[e] < hi ? d_nnz : o_nnz)[i]++;
  check(MatCreate(comm, out), "MatCreate");
  check(MatSetSizes(*out, n, n, PETSC_DETERMINE, PETSC_DETERMINE), "MatSetSizes");
  check(MatSetType(*out, MATAIJ), "MatSetType");
  check(MatSeqAIJSetPreallocation(*out, 0, d_nnz.data()), "MatSeqAIJSetPreallocation");
  check(MatMPIAIJSetPreallocation(*out, 0, d_nnz.data(), 0, o_nnz.data()), "MatMPIAIJSetPreallocation");
  std::vector<PetscInt> cols;
  for (PetscInt i = 0; i < n; ++i) {
    const size_t b = rows.row_ptr[i], e = rows.row_ptr[i + 1];
    cols.assign(rows.cols.begin() + static_cast<long>(b), rows.cols.begin() + static_cast<long>(e));
    const PetscInt row = static_cast<PetscInt>(lo + i);
    check(MatSetValues(*out, 1, &row, static_cast<PetscInt>(e - b), cols.data(), rows.values.data() + b,
                       INSERT_VALUES), "MatSetValues");
  }
  check(MatAssemblyBegin(*out, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(*out, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
}

// Does nothing; its presence makes KSPRICHARDSON test convergence (see below).
PetscErrorCode no_op_monitor(KSP, PetscInt, PetscReal, void*) { return 0; }

}  // namespace

PetscSession::PetscSession(const Comm& comm) : comm_(comm) {
  PetscBool initialized = PETSC_FALSE;
  PetscInitialized(&initialized);
  if (initialized) return;
  PETSC_COMM_WORLD = comm_.get();
  check(PetscInitializeNoArguments(), "PetscInitialize");
  owner_ = true;
}

PetscSession::~PetscSession() {
  if (owner_) PetscFinalize();
}

SolveReport solve_with_petsc(const DistCsrMatrix& a, const DistVector& b, DistVector& x,
                             const PetscKspOptions& o) {
  SolveReport rep;
  rep.method = "petsc:" + o.ksp_type + "+" + o.pc_type;
  const MPI_Comm comm = a.comm().get();
  PetscObjects p;

  MPI_Barrier(comm);
  double t0 = MPI_Wtime();
  build_matrix(a, &p.a);
  check(MatCreateVecs(p.a, &p.x, &p.b), "MatCreateVecs");
  check(VecDuplicate(p.b, &p.r), "VecDuplicate");
  copy_to_petsc(b, p.b);
  copy_to_petsc(x, p.x);

  // A private options database: the deck's options never leak into a user's PETSc
  // application, and the user's -ksp_type etc. never change the anchor.
  check(PetscOptionsCreate(&p.options), "PetscOptionsCreate");
  const std::string opts = "-ksp_type " + o.ksp_type + " -pc_type " + o.pc_type + " " + o.options;
  check(PetscOptionsInsertString(p.options, opts.c_str()), ("reading options '" + o.options + "'").c_str());
  check(KSPCreate(comm, &p.ksp), "KSPCreate");
  check(PetscObjectSetOptions(reinterpret_cast<PetscObject>(p.ksp), p.options), "PetscObjectSetOptions");
  check(KSPSetOperators(p.ksp, p.a, p.a), "KSPSetOperators");
  check(KSPSetTolerances(p.ksp, o.rtol, o.atol, PETSC_DEFAULT, o.max_iterations), "KSPSetTolerances");
  check(KSPSetInitialGuessNonzero(p.ksp, PETSC_TRUE), "KSPSetInitialGuessNonzero");
  if (KSPSetFromOptions(p.ksp) != 0)
    throw Error("PETSc: cannot use ksp_type '" + o.ksp_type + "' with pc_type '" + o.pc_type + "'");
  // Compare like with like: the unpreconditioned residual, as las's CG reports it.
  PetscBool is_cg = PETSC_FALSE;
  PetscObjectTypeCompare(reinterpret_cast<PetscObject>(p.ksp), KSPCG, &is_cg);
  if (is_cg) check(KSPSetNormType(p.ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
  // Richardson with PCSOR otherwise takes PETSc's fast path PCApplyRichardson_SOR, which
  // runs max_it sweeps without testing rtol; any monitor turns the fast path off.
  PetscBool is_richardson = PETSC_FALSE;
  PetscObjectTypeCompare(reinterpret_cast<PetscObject>(p.ksp), KSPRICHARDSON, &is_richardson);
  if (is_richardson) {
    check(KSPSetNormType(p.ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
    check(KSPMonitorSet(p.ksp, no_op_monitor, nullptr, nullptr), "KSPMonitorSet");
  }
  std::vector<PetscReal> history(static_cast<size_t>(o.max_iterations) + 1);
  if (o.record_history)
    check(KSPSetResidualHistory(p.ksp, history.data(), static_cast<PetscInt>(history.size()), PETSC_TRUE),
          "KSPSetResidualHistory");
  check(KSPSetUp(p.ksp), "KSPSetUp");
  PC pc = nullptr;
  check(KSPGetPC(p.ksp, &pc), "KSPGetPC");
  check(PCSetUp(pc), "PCSetUp");
  MPI_Barrier(comm);
  rep.setup_seconds = MPI_Wtime() - t0;

  t0 = MPI_Wtime();
  check(KSPSolve(p.ksp, p.b, p.x), "KSPSolve");
  rep.solve_seconds = MPI_Wtime() - t0;

  PetscInt its = 0;
  KSPConvergedReason reason;
  check(KSPGetIterationNumber(p.ksp, &its), "KSPGetIterationNumber");
  check(KSPGetConvergedReason(p.ksp, &reason), "KSPGetConvergedReason");
  rep.iterations = static_cast<int>(its);
  rep.reason = map_reason(reason);
  if (o.record_history) {
    const PetscReal* h = nullptr;
    PetscInt nh = 0;
    check(KSPGetResidualHistory(p.ksp, &h, &nh), "KSPGetResidualHistory");
    rep.residual_history.assign(h, h + nh);
  }
  PetscReal bnorm = 0, rnorm = 0;
  check(VecNorm(p.b, NORM_2, &bnorm), "VecNorm");
  check(MatMult(p.a, p.x, p.r), "MatMult");
  check(VecAYPX(p.r, -1.0, p.b), "VecAYPX");
  check(VecNorm(p.r, NORM_2, &rnorm), "VecNorm");
  rep.rhs_norm = bnorm;
  rep.true_residual = rnorm;
  rep.final_residual = rep.residual_history.empty() ? rnorm : rep.residual_history.back();
  rep.initial_residual = rep.residual_history.empty() ? -1 : rep.residual_history.front();
  copy_from_petsc(p.x, x);
  return rep;
}

}  // namespace las
