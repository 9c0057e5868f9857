// SPDX-License-Identifier: BSD-3-Clause
// 2D Navier–Stokes (vorticity form, periodic) as an MoePhysics (moe_physics.hpp): grid
// (t, y, x); the network input (w0(y, x), t / T, y, x), 4 channels, for an FNO in 3D; every
// variant's field is w = w0 + (t / T, mean-free) network output — PI-SC's one channel
// directly (without the authors' factor 0.005, which only the LM coefficients undo), PI-HC(-MoE)'s N channels as the basis of the per-expert LM solve on
// the PDE rows alone (navier_stokes_constraints.hpp) — so the initial condition holds
// exactly in all three and they differ only in how the PDE is imposed; the loss is the
// PDE residual alone (the authors').
#pragma once

#include "solvers/moe/models/moe_physics.hpp"
#include "solvers/moe/models/navier_stokes_constraints.hpp"

namespace las::moe {

MoePhysicsPtr make_navier_stokes_physics(const PeriodicGrid& grid, double viscosity);

/// The network input for w0 [B, n, n]: [B, T, n, n, 4] float32 (w0, t / T, y, x).
torch::Tensor navier_stokes_network_input(const torch::Tensor& w0, const PeriodicGrid& grid);

}  // namespace las::moe
