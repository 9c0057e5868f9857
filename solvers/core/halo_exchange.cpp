// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/halo_exchange.hpp"

#include "kernels/halo_pack.hpp"
#include "solvers/core/comm_counters.hpp"

namespace las {

HaloExchange::HaloExchange(const BoxGrid& grid) : grid_(&grid) {
  const auto& n = grid.local_extent();
  box_ = {n[0], n[1], n[2]};
  for (int axis = 0; axis < 3; ++axis) {
    const size_t count = kernels::face_size(box_, axis);
    for (int side = 0; side < 2; ++side) {
      // Physical boundaries keep a zero face forever: homogeneous Dirichlet.
      recv_[axis][side] = kernels::Vector("las::halo_recv", count);
      if (grid.neighbor(axis, side) != MPI_PROC_NULL)
        send_[axis][side] = kernels::Vector("las::halo_send", count);
    }
  }
  faces_ = {recv_[0][0], recv_[0][1], recv_[1][0], recv_[1][1], recv_[2][0], recv_[2][1]};
}

void HaloExchange::begin(const DistVector& x) {
  const CommPhase phase("halo_exchange");
  const MPI_Comm comm = grid_->comm().get();
  pending_ = 0;
  for (int axis = 0; axis < grid_->dim(); ++axis) {
    for (int side = 0; side < 2; ++side) {
      const int nbr = grid_->neighbor(axis, side);
      if (nbr == MPI_PROC_NULL) continue;
      auto& recv = recv_[axis][side];
      // Tag by the direction of travel so opposite faces never match each other
      // (they can be the same rank on a 2-rank periodic-free line of 2).
      MPI_Irecv(recv.data(), static_cast<int>(recv.extent(0)), MPI_DOUBLE, nbr,
                2 * axis + (1 - side), comm, &requests_[pending_++]);
    }
  }
  for (int axis = 0; axis < grid_->dim(); ++axis) {
    for (int side = 0; side < 2; ++side) {
      const int nbr = grid_->neighbor(axis, side);
      if (nbr == MPI_PROC_NULL) continue;
      auto& send = send_[axis][side];
      kernels::pack_face(box_, axis, side, x.view(), send);
      Kokkos::fence();  // the buffer must be complete before MPI reads it
      MPI_Isend(send.data(), static_cast<int>(send.extent(0)), MPI_DOUBLE, nbr, 2 * axis + side,
                comm, &requests_[pending_++]);
    }
  }
}

void HaloExchange::end() {
  MPI_Waitall(pending_, requests_.data(), MPI_STATUSES_IGNORE);
  pending_ = 0;
}

}  // namespace las
