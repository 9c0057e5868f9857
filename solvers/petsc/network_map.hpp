// SPDX-License-Identifier: BSD-3-Clause
// Internal: the DCDM network as a map r -> z on host arrays in a DMDA's local ordering
// (x fastest within each rank's box, the same as a las DistVector on a BoxGrid with the
// same ownership), run with las's kernels. No PETSc here: the PETSc side passes the arrays.
#pragma once

#include <memory>
#include <string>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/nn/dcdm_network.hpp"
#include "solvers/nn/network_preconditioner.hpp"

namespace las::petsc {

class NetworkMap {
 public:
  /// Collective over grid's communicator. Throws InputError when the network's dimension
  /// differs from the grid's (the message names `model_file`).
  NetworkMap(std::unique_ptr<BoxGrid> grid, nn::DcdmNetwork network, const std::string& model_file);
  NetworkMap(const NetworkMap&) = delete;
  NetworkMap& operator=(const NetworkMap&) = delete;

  /// z = f(r / ||r||) for this rank's grid.local_cells() values (host memory). Collective.
  void apply(const double* r, double* z);

  const BoxGrid& grid() const { return *grid_; }
  const nn::DcdmNetwork& network() const { return network_; }
  long long applications() const { return applications_; }

 private:
  std::unique_ptr<BoxGrid> grid_;
  nn::DcdmNetwork network_;
  nn::NetworkPreconditioner map_;  // keeps references to *grid_ and network_
  DistVector in_, out_;
  long long applications_ = 0;
};

}  // namespace las::petsc
