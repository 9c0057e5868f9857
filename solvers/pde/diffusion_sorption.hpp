// SPDX-License-Identifier: BSD-3-Clause
// 1D diffusion–sorption (the PDEBench set-up used by PI-HC-MoE):
//   u_t = D / R(u) u_xx on x in (0, 1), t in (0, T],
//   R(u) = 1 + ((1 - phi) / phi) rho_s k n_f (u + 1e-6)^(n_f - 1)   (Freundlich sorption),
//   u(0, t) = 1 (Dirichlet), and at x = 1 the Cauchy (Robin) outflow condition
//   u(1, t) = -D u_x(1, t).
// The sign at x = 1: the notes write u(1,t) = D u_x(1,t), but with D << 1 that condition
// feeds mass in at a rate proportional to u and the problem is ill-posed (the linear
// problem has a mode growing like exp(t / D)); PDEBench's simulator uses the ghost value
// D (u_{N-1} - u_N) / dx, which converges to u = -D u_x. We implement that one.
//
// Method of lines: cell-centred finite volumes on the conservative form R(u) u_t = D u_xx,
// i.e. C(u)_t = D u_xx with the stored amount C(u) = u + ((1-phi)/phi) rho_s k (u+1e-6)^n_f
// (boundary face values eliminated exactly: u = 1 at x = 0, u_b = a u_N / (1 + a),
// a = 2D/h, at x = 1), then BDF2 on C (backward Euler for the first step), each step
// solved by Newton's method with the exact tridiagonal Jacobian and the Thomas algorithm.
// BDF2 is A-stable and damps the stiff modes (D dt / (R h^2) ~ 10..100 here) instead of
// ringing like Crank–Nicolson, which matters for PDEBench's white-noise initial data; it
// is second order. Stepping C conserves the stored amount through the first steps, where
// the noise is smoothed far faster than any affordable step (see the .cpp).
#pragma once

#include <functional>
#include <vector>

namespace las::pde {

/// The physical and numerical parameters; defaults are PDEBench's / the paper's.
struct DiffusionSorptionParams {
  double diffusivity = 5e-4;     ///< D
  double porosity = 0.29;        ///< phi
  double bulk_density = 2880;    ///< rho_s
  double freundlich_k = 3.5e-4;  ///< k (0: no sorption, R = 1: the heat equation)
  double freundlich_n = 0.874;   ///< n_f
  double left_value = 1.0;       ///< u(0, t)
  double t_final = 500;          ///< T
  int cells = 1024;              ///< finite-volume cells (the output grid: cell centres)
  int snapshots = 101;           ///< output times j T / (snapshots - 1), t = 0 included
  double max_dt = 0.5;           ///< the longest step (PDEBench data: error 1e-3 at t = 5 s, 1e-5 after 50 s)
  double newton_tol = 1e-10;     ///< stop Newton when max |update| <= this
  int newton_max_iterations = 25;
};

/// R(u), with the guarded power evaluated at max(u, 0) + 1e-6 so that a round-off
/// undershoot below zero cannot produce a NaN (identical to PDEBench's for u >= 0).
double retardation(const DiffusionSorptionParams& p, double u);
/// dR/du (0 where the guard is active).
double retardation_derivative(const DiffusionSorptionParams& p, double u);

/// An optional source s(x, t) added to the right-hand side: u_t = D/R u_xx + s
/// (manufactured-solution tests).
using SourceTerm = std::function<double(double x, double t)>;

/// One trajectory and how its solve went.
struct DiffusionSorptionTrajectory {
  std::vector<double> u;          ///< [snapshots][cells], row j at time j T / (snapshots - 1)
  long long steps = 0;            ///< time steps taken
  int max_newton_iterations = 0;  ///< the most Newton iterations of any step
  bool converged = true;          ///< false: a step's Newton iteration failed (u stops there)
  double failed_at = 0;           ///< the time of the failed step (when !converged)
};

/// Solves from the cell values u0 (size p.cells). Throws las::Error on bad parameters
/// or a u0 of the wrong size; a Newton failure is reported in the result, not thrown.
DiffusionSorptionTrajectory solve_diffusion_sorption(const DiffusionSorptionParams& p,
                                                     const std::vector<double>& u0,
                                                     const SourceTerm& source = {});

}  // namespace las::pde
