// SPDX-License-Identifier: BSD-3-Clause
// 2D incompressible Navier–Stokes in vorticity form on the periodic unit square:
//   w_t + u . grad w = nu lap w + f,   u = (psi_y, -psi_x),   -lap psi = w,
// pseudo-spectral (FFTW) with the 2/3 rule: modes with |k_x| or |k_y| > (n-1)/3 are
// zeroed in the state and in the advection term, so the quadratic product is alias-free.
// Time stepping as in Li et al.'s FNO data generator (the source of this benchmark):
// Crank–Nicolson for viscosity (exact in the diffusive limit's stability, no step limit
// from nu k^2) and Heun's predictor–corrector for advection and forcing; second order,
// explicit in the advection, so the step must respect the CFL limit (reported).
#pragma once

#include <vector>

namespace las::pde {

/// Parameters; defaults are the paper's (nu = 1e-4, T = 5, no forcing, 64^2, 64 snapshots).
struct NavierStokesParams {
  double viscosity = 1e-4;       ///< nu (0: the Euler equations)
  double t_final = 5;            ///< T
  int n = 64;                    ///< grid points per direction (even)
  int snapshots = 64;            ///< output times j T / (snapshots - 1), t = 0 included
  double max_dt = 1e-3;          ///< the longest time step
  double forcing_amplitude = 0;  ///< f = A (sin 2 pi (x + y) + cos 2 pi (x + y)) (Li et al.'s, A = 0.1)
};

/// One trajectory and how its solve went.
struct NavierStokesTrajectory {
  std::vector<double> w;  ///< [snapshots][n][n] (x fastest); row 0 is the initial condition
  long long steps = 0;    ///< time steps taken
  double max_cfl = 0;     ///< max over steps of dt (|u| + |v|)_max / h
  bool finite = true;     ///< false: the solution blew up (NaN/Inf; the rest is NaN)
};

/// Solves from the vorticity w0 (n x n, x fastest). Throws las::Error on bad parameters.
NavierStokesTrajectory solve_navier_stokes(const NavierStokesParams& p, const std::vector<double>& w0);

}  // namespace las::pde
