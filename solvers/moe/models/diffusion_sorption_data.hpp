// SPDX-License-Identifier: BSD-3-Clause
// A diffusion–sorption reference set written by las_pde_data (solvers/pde/pde_dataset.hpp:
// u [count][snapshots][cells], t, x) as LibTorch tensors for training and evaluation.
// Every rank reads the whole requested range: the sets the models train on here are small
// (a 1024 x 101 trajectory is 0.8 MB), and data-parallel training draws any sample on
// any rank.
#pragma once

#include <string>

#include <torch/torch.h>

#include "solvers/core/comm.hpp"
#include "solvers/moe/models/diffusion_sorption_constraints.hpp"
#include "solvers/pde/diffusion_sorption.hpp"

namespace las::moe {

struct DiffusionSorptionSet {
  torch::Tensor u;     ///< [S, T, X] float64, reference trajectories
  SpaceTimeGrid grid;  ///< their space-time grid
  pde::DiffusionSorptionParams physics;  ///< the generator's D, φ, ρ_s, k, n_f, u(0, t) (root attributes)
  std::string file;    ///< where they came from (reports)
  long long first = 0; ///< the file's sample index of u[0]

  long long samples() const { return u.defined() ? u.size(0) : 0; }
  /// The initial conditions u(t = 0) [S, X] (a view of u).
  torch::Tensor initial() const { return u.select(1, 0); }
};

/// Collective: samples [first, first + count) of `file` (count -1: all from `first`). Every
/// rank throws the same las::InputError naming the file and the problem (not a
/// diffusion–sorption set, a missing parameter, range outside it, non-uniform grid)
/// otherwise.
DiffusionSorptionSet read_diffusion_sorption_set(const Comm& comm, const std::string& file, long long first = 0,
                                                 long long count = -1);

}  // namespace las::moe
