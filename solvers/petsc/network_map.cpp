// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/petsc/network_map.hpp"

#include <utility>

#include "solvers/core/error.hpp"

namespace las::petsc {
namespace {

template <class T>
using HostArray = Kokkos::View<T*, Kokkos::LayoutLeft, Kokkos::HostSpace, Kokkos::MemoryUnmanaged>;

// Checked before the workspace is allocated for a grid of the wrong dimension.
const BoxGrid& checked(const BoxGrid& grid, const nn::DcdmNetwork& network, const std::string& file) {
  if (network.architecture().dim != grid.dim())
    throw InputError(file + ": a " + std::to_string(network.architecture().dim) +
                     "D network cannot run on the operator's " + std::to_string(grid.dim()) + "D DMDA (" +
                     grid.description() + ")");
  return grid;
}

}  // namespace

NetworkMap::NetworkMap(std::unique_ptr<BoxGrid> grid, nn::DcdmNetwork network, const std::string& model_file)
    : grid_(std::move(grid)),
      network_(std::move(network)),
      map_(checked(*grid_, network_, model_file), network_),
      in_(grid_->comm(), grid_->local_cells(), "las::petsc::network_in"),
      out_(in_.similar("las::petsc::network_out")) {}

void NetworkMap::apply(const double* r, double* z) {
  const size_t n = static_cast<size_t>(in_.local_size());
  // PETSc's arrays are host memory; las's vectors live in the execution space's memory.
  Kokkos::deep_copy(in_.view(), HostArray<const double>(r, n));
  map_.apply(in_, out_);
  Kokkos::deep_copy(HostArray<double>(z, n), out_.view());
  ++applications_;
}

}  // namespace las::petsc
