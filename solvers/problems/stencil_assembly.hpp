// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/stencil_operator.hpp"

namespace las {

/// The assembled matrix of a StencilOperator: this rank's rows in the global
/// numbering of DistVector on the grid (each rank's cells contiguous, x fastest), the
/// ordering PETSc calls "PETSc ordering" for a DMDA. Rows on Dirichlet boundaries
/// simply drop the missing neighbour, so the matrix is symmetric. Collective.
CsrRows assemble_stencil(const StencilOperator& op);

}  // namespace las
