// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/network_preconditioner.hpp"

namespace las::nn {

NetworkPreconditioner::NetworkPreconditioner(const BoxGrid& grid, const DcdmNetwork& network)
    : grid_(grid), network_(network), work_(grid, network.architecture()) {}

void NetworkPreconditioner::apply(const DistVector& r, DistVector& z) const {
  const double norm = norm2(r);
  network_.forward(grid_, work_, r, norm > 0 ? 1.0 / norm : 0.0, z);
}

std::string NetworkPreconditioner::name() const { return "network(" + network_.architecture().description() + ")"; }

}  // namespace las::nn
