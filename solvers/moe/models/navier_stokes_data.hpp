// SPDX-License-Identifier: BSD-3-Clause
// A Navier–Stokes reference set written by las_pde_data (solvers/pde/pde_dataset.hpp:
// w [count][snapshots][n][n], t, x, y) as LibTorch tensors for training and evaluation.
// Every rank reads the whole requested range (a 32² x 33 trajectory is 0.27 MB).
#pragma once

#include <string>

#include <torch/torch.h>

#include "solvers/core/comm.hpp"
#include "solvers/moe/models/navier_stokes_constraints.hpp"

namespace las::moe {

struct NavierStokesSet {
  torch::Tensor w;        ///< [S, T, n, n] float64 (t, y, x), reference trajectories
  PeriodicGrid grid;      ///< their grid
  double viscosity = 0;   ///< the generator's ν (root attribute)
  std::string file;       ///< where they came from (reports)
  long long first = 0;    ///< the file's sample index of w[0]

  long long samples() const { return w.defined() ? w.size(0) : 0; }
  /// The initial vorticities w(t = 0) [S, n, n] (a view of w).
  torch::Tensor initial() const { return w.select(1, 0); }
};

/// Collective: samples [first, first + count) of `file` (count -1: all from `first`). Every
/// rank throws the same las::InputError naming the file and the problem (not a
/// Navier–Stokes set, forcing, range outside it, grid not the periodic nodes) otherwise.
NavierStokesSet read_navier_stokes_set(const Comm& comm, const std::string& file, long long first = 0,
                                       long long count = -1);

}  // namespace las::moe
