// SPDX-License-Identifier: BSD-3-Clause
// MPI collectives on Kokkos vectors for the OT solvers. Data goes through host mirrors
// (free on host backends), so a CUDA Kokkos needs no CUDA-aware MPI.
#pragma once

#include <mpi.h>

#include "kernels/common/spaces.hpp"
#include "solvers/core/comm.hpp"

namespace las::ot::detail {

/// v = op over ranks of v, in place (no-op on one rank).
void allreduce(const Comm& comm, const kernels::Vector& v, MPI_Op op);

/// full = the ranks' blocks laid end to end, where rank q holds block_rows(n)'s block q.
void allgather_blocks(const Comm& comm, const kernels::ConstVector& block,
                      const kernels::Vector& full);

/// block = this rank's block_rows block of Σ_ranks partial (partial has n entries).
void reduce_scatter_blocks(const Comm& comm, const kernels::ConstVector& partial,
                           const kernels::Vector& block);

}  // namespace las::ot::detail
