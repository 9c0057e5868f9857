// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/petsc/dmda_grid.hpp"

#include <petscdmda.h>

#include <array>

namespace las::petsc {

PetscErrorCode box_grid_from_operator(PC pc, const char* who, std::unique_ptr<BoxGrid>* grid) {
  const MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(pc));
  Mat a = nullptr, p = nullptr;
  DM dm = nullptr;
  PetscBool is_dmda = PETSC_FALSE;
  PetscInt dim = 0, mx = 1, my = 1, mz = 1, px = 1, py = 1, pz = 1, dof = 0, width = 0;
  DMBoundaryType bx, by, bz;
  DMDAStencilType stencil;
  PetscFunctionBegin;
  PetscCall(PCGetOperators(pc, &a, &p));
  PetscCall(MatGetDM(p, &dm));
  if (!dm) PetscCall(PCGetDM(pc, &dm));
  PetscCheck(dm, comm, PETSC_ERR_ARG_WRONG,
             "%s: the operator has no DMDA, and the network needs its grid: create the matrix with "
             "DMCreateMatrix() on a DMDA (or KSPSetDM() with KSPSetComputeOperators())", who);
  DMType type = nullptr;
  PetscCall(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(dm), DMDA, &is_dmda));
  PetscCall(DMGetType(dm, &type));
  PetscCheck(is_dmda, comm, PETSC_ERR_ARG_WRONG, "%s: the operator's DM is of type %s, not a DMDA", who, type);
  PetscCall(DMDAGetInfo(dm, &dim, &mx, &my, &mz, &px, &py, &pz, &dof, &width, &bx, &by, &bz, &stencil));
  PetscCheck(dim == 2 || dim == 3, comm, PETSC_ERR_SUP, "%s: the DMDA is %" PetscInt_FMT "D; the network needs 2D or 3D",
             who, dim);
  PetscCheck(dof == 1, comm, PETSC_ERR_SUP, "%s: the DMDA has dof %" PetscInt_FMT "; the network handles dof 1 (scalar fields)",
             who, dof);
  PetscCheck(bx == DM_BOUNDARY_NONE && by == DM_BOUNDARY_NONE && (dim == 2 || bz == DM_BOUNDARY_NONE), comm,
             PETSC_ERR_SUP, "%s: the DMDA has %s/%s/%s boundaries; the network zero-pads, i.e. needs DM_BOUNDARY_NONE",
             who, DMBoundaryTypes[bx], DMBoundaryTypes[by], DMBoundaryTypes[bz]);
  PetscCheck(stencil == DMDA_STENCIL_STAR, comm, PETSC_ERR_SUP,
             "%s: the DMDA has a box stencil; the network is trained for star (5/7-point) operators", who);

  auto box = std::make_unique<BoxGrid>(Comm(comm), static_cast<int>(dim), std::array<long long, 3>{mx, my, mz},
                                       std::array<int, 3>{static_cast<int>(px), static_cast<int>(py),
                                                          static_cast<int>(dim == 3 ? pz : 1)});
  PetscInt start[3] = {0, 0, 0}, count[3] = {1, 1, 1};
  PetscCall(DMDAGetCorners(dm, &start[0], &start[1], &start[2], &count[0], &count[1], &count[2]));
  bool same_split = true, even = true;
  for (int axis = 0; axis < dim; ++axis) {
    same_split = same_split && start[axis] == box->offset()[axis] && count[axis] == box->local_extent()[axis];
    even = even && count[axis] % 2 == 0;
  }
  // Decided together: a rank alone in error would leave the others waiting in a collective.
  PetscCheck(!box->comm().any(!same_split), comm, PETSC_ERR_SUP,
             "%s: the DMDA's ownership ranges differ from PETSc's default balanced split (%s); set by "
             "DMDASetOwnershipRanges()? The network needs the default split", who, box->description().c_str());
  PetscCheck(!box->comm().any(!even), comm, PETSC_ERR_SUP,
             "%s: the DMDA %s gives some rank an odd number of cells along an axis; the network's 2x pooling "
             "needs even counts on every rank (choose -da_grid_x/y/z as multiples of 2 x the ranks per axis)",
             who, box->description().c_str());
  *grid = std::move(box);
  PetscFunctionReturn(0);
}

}  // namespace las::petsc
