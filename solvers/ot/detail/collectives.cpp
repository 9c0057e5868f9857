// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/detail/collectives.hpp"

#include <algorithm>
#include <vector>

namespace las::ot::detail {
namespace {

// block_rows' counts and offsets for every rank (as int, MPI's count type).
void block_layout(long long n, int ranks, std::vector<int>& counts, std::vector<int>& offsets) {
  counts.resize(static_cast<size_t>(ranks));
  offsets.resize(static_cast<size_t>(ranks));
  const long long base = n / ranks, extra = n % ranks;
  for (int q = 0; q < ranks; ++q) {
    counts[static_cast<size_t>(q)] = static_cast<int>(base + (q < extra ? 1 : 0));
    offsets[static_cast<size_t>(q)] = static_cast<int>(q * base + std::min<long long>(q, extra));
  }
}

}  // namespace

void allreduce(const Comm& comm, const kernels::Vector& v, MPI_Op op) {
  if (comm.size() == 1) return;
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  MPI_Allreduce(MPI_IN_PLACE, h.data(), static_cast<int>(h.extent(0)), MPI_DOUBLE, op,
                comm.get());
  Kokkos::deep_copy(v, h);
}

void allgather_blocks(const Comm& comm, const kernels::ConstVector& block,
                      const kernels::Vector& full) {
  if (comm.size() == 1) {
    Kokkos::deep_copy(full, block);
    return;
  }
  std::vector<int> counts, offsets;
  block_layout(static_cast<long long>(full.extent(0)), comm.size(), counts, offsets);
  auto hb = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), block);
  auto hf = Kokkos::create_mirror_view(full);
  MPI_Allgatherv(hb.data(), static_cast<int>(hb.extent(0)), MPI_DOUBLE, hf.data(), counts.data(),
                 offsets.data(), MPI_DOUBLE, comm.get());
  Kokkos::deep_copy(full, hf);
}

void reduce_scatter_blocks(const Comm& comm, const kernels::ConstVector& partial,
                           const kernels::Vector& block) {
  if (comm.size() == 1) {
    Kokkos::deep_copy(block, partial);
    return;
  }
  std::vector<int> counts, offsets;
  block_layout(static_cast<long long>(partial.extent(0)), comm.size(), counts, offsets);
  auto hp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), partial);
  auto hb = Kokkos::create_mirror_view(block);
  MPI_Reduce_scatter(hp.data(), hb.data(), counts.data(), MPI_DOUBLE, MPI_SUM, comm.get());
  Kokkos::deep_copy(block, hb);
}

}  // namespace las::ot::detail
