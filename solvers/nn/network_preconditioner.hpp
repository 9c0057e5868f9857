// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/krylov/preconditioner.hpp"
#include "solvers/nn/dcdm_network.hpp"

namespace las::nn {

/// The network as a (nonlinear) preconditioner: z = f(r / ||r||). The input is
/// normalised because ReLU layers with biases are not scale-equivariant; DCDM's line
/// search and flexible CG are invariant to the output's scale. Not symmetric: use it
/// with solve_dcdm or flexible CG, not with solve_pcg. Keeps references to both.
class NetworkPreconditioner final : public Preconditioner {
 public:
  NetworkPreconditioner(const BoxGrid& grid, const DcdmNetwork& network);
  void apply(const DistVector& r, DistVector& z) const override;
  std::string name() const override;
  bool symmetric() const override { return false; }

 private:
  const BoxGrid& grid_;
  const DcdmNetwork& network_;
  mutable NetworkWorkspace work_;  // scratch feature maps: apply() is logically const
};

}  // namespace las::nn
