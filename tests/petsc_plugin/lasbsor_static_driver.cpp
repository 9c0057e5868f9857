// SPDX-License-Identifier: BSD-3-Clause
// The static-build path of the plug-in: a PETSc program linked against liblas_petsc that
// calls LasPetscRegisterAll() itself (no -dll_append). It solves a sequence of shifted 2D
// Laplacians (A + c_k I) x = b on an m x m grid, c_k cycling through [0, 1), and tells
// contextual learners the shift with PCLasBSorSetContext(). Everything else comes from the
// options database, as in any PETSc program:
//   lasbsor_static_driver -m 40 -ntimes 30 -ksp_type cg -pc_type lasbsor -ksp_converged_reason
#include <petscksp.h>

#include "solvers/petsc/las_petsc.h"

namespace {

const char help[] = "Solves a sequence of shifted 2D Laplacians; registers las's PETSc types "
                    "with LasPetscRegisterAll().\n  -m <40>: grid points per side\n"
                    "  -ntimes <30>: number of systems\n\n";

// The 5-point Laplacian (Dirichlet boundary) plus `shift` on the diagonal.
PetscErrorCode assemble(Mat a, PetscInt m, PetscReal shift) {
  PetscInt first = 0, last = 0;
  PetscFunctionBeginUser;
  PetscCall(MatGetOwnershipRange(a, &first, &last));
  for (PetscInt row = first; row < last; ++row) {
    const PetscInt i = row % m, j = row / m;
    PetscInt cols[5];
    PetscScalar vals[5];
    PetscInt n = 0;
    if (j > 0) cols[n] = row - m, vals[n++] = -1.0;
    if (i > 0) cols[n] = row - 1, vals[n++] = -1.0;
    cols[n] = row, vals[n++] = 4.0 + shift;
    if (i < m - 1) cols[n] = row + 1, vals[n++] = -1.0;
    if (j < m - 1) cols[n] = row + m, vals[n++] = -1.0;
    PetscCall(MatSetValues(a, 1, &row, n, cols, vals, INSERT_VALUES));
  }
  PetscCall(MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

PetscErrorCode run() {
  PetscInt m = 40, ntimes = 30;
  Mat a;
  Vec x, b;
  KSP ksp;
  PC pc;
  PetscFunctionBeginUser;
  PetscCall(LasPetscRegisterAll());
  PetscCall(LasPetscRegisterAll());  // idempotent
  PetscCall(PetscOptionsGetInt(nullptr, nullptr, "-m", &m, nullptr));
  PetscCall(PetscOptionsGetInt(nullptr, nullptr, "-ntimes", &ntimes, nullptr));
  PetscCall(MatCreateAIJ(PETSC_COMM_WORLD, PETSC_DECIDE, PETSC_DECIDE, m * m, m * m, 5, nullptr, 2, nullptr, &a));
  PetscCall(MatCreateVecs(a, &x, &b));
  PetscCall(KSPCreate(PETSC_COMM_WORLD, &ksp));
  PetscCall(KSPSetFromOptions(ksp));
  PetscCall(KSPGetPC(ksp, &pc));
  for (PetscInt k = 0; k < ntimes; ++k) {
    const PetscReal shift = static_cast<PetscReal>(k % 10) / 10.0;
    PetscCall(assemble(a, m, shift));
    PetscCall(KSPSetOperators(ksp, a, a));
    PetscCall(PCLasBSorSetContext(pc, shift));
    PetscCall(VecSet(b, 1.0));
    PetscCall(KSPSolve(ksp, b, x));
    PetscInt its = 0;
    PetscReal omega = 0;
    PetscCall(KSPGetIterationNumber(ksp, &its));
    PetscCall(PCLasBSorGetOmega(pc, &omega));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "System %" PetscInt_FMT ": shift %g omega %g iterations %" PetscInt_FMT "\n",
                          k + 1, static_cast<double>(shift), static_cast<double>(omega), its));
  }
  PetscCall(KSPDestroy(&ksp));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&b));
  PetscCall(MatDestroy(&a));
  PetscFunctionReturn(0);
}

}  // namespace

int main(int argc, char** argv) {
  PetscCall(PetscInitialize(&argc, &argv, nullptr, help));
  PetscCall(run());
  PetscCall(PetscFinalize());
  return 0;
}
