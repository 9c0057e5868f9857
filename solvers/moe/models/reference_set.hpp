// SPDX-License-Identifier: BSD-3-Clause
// A reference set of any PDE the MoE models support, with the physics it was generated
// with: what the trainer, its evaluation and the error anchors take.
#pragma once

#include <string>

#include <torch/torch.h>

#include "solvers/core/comm.hpp"
#include "solvers/moe/models/diffusion_sorption_data.hpp"
#include "solvers/moe/models/moe_physics.hpp"
#include "solvers/moe/models/navier_stokes_data.hpp"

namespace las::moe {

struct MoeReferenceSet {
  torch::Tensor u;        ///< [S, T, spatial...] float64, reference trajectories
  MoePhysicsPtr physics;  ///< the equation and grid they satisfy
  std::string file;       ///< where they came from (reports)
  long long first = 0;    ///< the file's sample index of u[0]

  long long samples() const { return u.defined() ? u.size(0) : 0; }
  /// The initial conditions [S, spatial...] (a view of u).
  torch::Tensor initial() const { return u.select(1, 0); }
};

/// A diffusion–sorption set with the constraint options (their physics replaced by the set's).
MoeReferenceSet to_reference_set(const DiffusionSorptionSet& set, DiffusionSorptionConstraintOptions constraints);
MoeReferenceSet to_reference_set(const NavierStokesSet& set);

/// Collective: samples [first, first + count) of a las_pde_data file, whose `pde`
/// attribute picks the reader (read_diffusion_sorption_set or read_navier_stokes_set; their
/// errors, one line naming the file). `constraints` apply to diffusion–sorption only.
MoeReferenceSet read_moe_reference_set(const Comm& comm, const std::string& file, long long first, long long count,
                                       const DiffusionSorptionConstraintOptions& constraints);

}  // namespace las::moe
