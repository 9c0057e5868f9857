// SPDX-License-Identifier: BSD-3-Clause
// Internal: the las BoxGrid of a PETSc operator's DMDA, with the DMDA's ownership, so a
// DMDA global Vec's local array is a las DistVector's local part, value for value.
#pragma once

#include <petscpc.h>

#include <memory>

#include "solvers/core/box_grid.hpp"

namespace las::petsc {

/// Collective over the PC. The grid of the DMDA attached to the PC's operator (MatGetDM,
/// else PCGetDM). A PETSc error (the same on every rank) names what is wrong when there is
/// no DMDA, it is not 2D/3D, dof != 1, a boundary is not DM_BOUNDARY_NONE, the stencil is
/// not DMDA_STENCIL_STAR (the 5/7-point operators the network is trained for), the
/// ownership differs from a balanced block split, or a rank's extent along an axis is odd
/// (the network pools 2x2(x2) blocks on each rank). `who` prefixes the messages.
PetscErrorCode box_grid_from_operator(PC pc, const char* who, std::unique_ptr<BoxGrid>* grid);

}  // namespace las::petsc
