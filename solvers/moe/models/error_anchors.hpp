// SPDX-License-Identifier: BSD-3-Clause
// Two numbers a trained model's test error needs beside it, computed from the data alone:
//
// - the error of a predictor that ignores the initial condition and returns the mean of
//   the training trajectories. On diffusion–sorption the boundary inflow dominates every
//   trajectory and the initial condition (u0 ~ U(0, 0.2)) decays within a few snapshots,
//   so this trivial predictor is already a few per cent off; a model is only worth its
//   training where it beats it.
// - the error of the persistence predictor, the initial condition held for all times: a
//   model that has learnt no dynamics scores this (on Navier–Stokes the flow moves: ~80 %).
// - the physics loss of the reference itself, with the weights the training uses. The
//   training never sees the reference, only this loss; where the trained model's loss is
//   far above it the model has not found the solution, and where the reference's own loss
//   is not small beside the model's, the discretised loss cannot tell them apart.
#pragma once

#include "solvers/moe/models/reference_set.hpp"

namespace las::moe {

struct ErrorAnchors {
  double mean_trajectory_error = 0;  ///< mean over the test samples of the relative L2 error
  double persistence_error = 0;      ///< the same of u(t) = u(0)
  double reference_loss = 0;         ///< pde_weight² · pde + initial + boundary of the reference
  double reference_pde = 0, reference_initial = 0, reference_boundary = 0;  ///< its terms (pde weighted)
};

/// Both anchors for `test` (every rank holds the whole sets, so no communication). Throws
/// las::Error unless train and test share the grid and both hold samples.
/// The loss is test.physics's.
ErrorAnchors error_anchors(const MoeReferenceSet& train, const MoeReferenceSet& test, double pde_weight);

}  // namespace las::moe
