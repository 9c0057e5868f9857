// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/field_halo.hpp"

#include <mpi.h>

#include "kernels/nn_halo_pack.hpp"
#include "solvers/core/comm_counters.hpp"
#include "solvers/core/error.hpp"

namespace las {
namespace {

// The interior layer next to face `side` of `axis` (what the neighbour needs) and the
// ghost layer on that face (what the neighbour sends), spanning the padded extent on
// the axes already exchanged and the interior extent on the others.
void face_boxes(const kernels::NnGrid& g, int axis, int side, kernels::NnBox& send, kernels::NnBox& recv) {
  const int n[3] = {g.nx, g.ny, g.dim == 3 ? g.nz : 1};
  for (int a = 0; a < 3; ++a) {
    const bool padded = a < axis && (a < 2 || g.dim == 3);
    send.lo[a] = recv.lo[a] = padded ? -1 : 0;
    send.hi[a] = recv.hi[a] = padded ? n[a] + 1 : n[a];
  }
  send.lo[axis] = side == 0 ? 0 : n[axis] - 1;
  send.hi[axis] = send.lo[axis] + 1;
  recv.lo[axis] = side == 0 ? -1 : n[axis];
  recv.hi[axis] = recv.lo[axis] + 1;
}

}  // namespace

void exchange_field_ghosts(const BoxGrid& grid, const kernels::NnField& field) {
  const kernels::NnGrid& g = field.grid;
  LAS_CHECK(g.dim == grid.dim(), "exchange_field_ghosts: a " << g.dim << "D field on a " << grid.dim() << "D grid");
  const MPI_Comm comm = grid.comm().get();
  const CommPhase phase("nn_halo_exchange");
  for (int axis = 0; axis < g.dim; ++axis) {
    kernels::NnBox send[2], recv[2];
    kernels::FloatArray send_buffer[2], recv_buffer[2];
    MPI_Request requests[4];
    int pending = 0;
    for (int side = 0; side < 2; ++side) {
      face_boxes(g, axis, side, send[side], recv[side]);
      const int neighbour = grid.neighbor(axis, side);
      if (neighbour == MPI_PROC_NULL) {
        kernels::zero_nn_box(field, recv[side]);
        continue;
      }
      const size_t count = send[side].cells() * size_t(field.channels);
      send_buffer[side] = kernels::FloatArray("las::nn_halo_send", count);
      recv_buffer[side] = kernels::FloatArray("las::nn_halo_recv", count);
      kernels::pack_nn_box(field, send[side], send_buffer[side]);
      // A message to the neighbour on `side` carries tag `side`; it arrives as that
      // rank's message from its opposite side.
      MPI_Irecv(recv_buffer[side].data(), static_cast<int>(count), MPI_FLOAT, neighbour, 1 - side, comm,
                &requests[pending++]);
    }
    Kokkos::fence();  // packed buffers complete before MPI reads them
    for (int side = 0; side < 2; ++side) {
      const int neighbour = grid.neighbor(axis, side);
      if (neighbour == MPI_PROC_NULL) continue;
      MPI_Isend(send_buffer[side].data(), static_cast<int>(send_buffer[side].extent(0)), MPI_FLOAT, neighbour,
                side, comm, &requests[pending++]);
    }
    MPI_Waitall(pending, requests, MPI_STATUSES_IGNORE);
    for (int side = 0; side < 2; ++side) {
      if (grid.neighbor(axis, side) != MPI_PROC_NULL) kernels::unpack_nn_box(recv_buffer[side], field, recv[side]);
    }
  }
  Kokkos::fence();
}

}  // namespace las
