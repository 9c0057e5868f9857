// SPDX-License-Identifier: BSD-3-Clause
// The pseudo-spectral Navier–Stokes solver against independent truths:
//  - Taylor–Green-type vortices (several modes on one wavenumber shell, so psi is
//    proportional to w and the advection term cancels): exact decay exp(-nu |k|^2 t),
//    and the time integrator's observed order 2 on it;
//  - a random (GRF) flow: second-order self-convergence in dt (exercises advection);
//  - invariants: the mean vorticity is conserved exactly, enstrophy decays monotonically
//    with viscosity, and with nu = 0 (the inviscid limit) enstrophy and energy are
//    conserved up to the time integrator's error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/pde/navier_stokes_2d.hpp"
#include "solvers/pde/random_initial_conditions.hpp"
#include "solvers/pde/time_grid.hpp"

namespace las::pde {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

// Three modes with |k| = 5 (in units of 2 pi): (3, 4), (5, 0), (4, -3).
double shell_vortex(double x, double y) {
  return std::sin(kTwoPi * (3 * x + 4 * y)) + std::cos(kTwoPi * 5 * x) +
         0.5 * std::sin(kTwoPi * (4 * x - 3 * y));
}

std::vector<double> sample(int n, double (*f)(double, double)) {
  const std::vector<double> x = periodic_nodes(n);
  std::vector<double> w(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  for (int iy = 0; iy < n; ++iy)
    for (int ix = 0; ix < n; ++ix)
      w[static_cast<std::size_t>(iy * n + ix)] =
          f(x[static_cast<std::size_t>(ix)], x[static_cast<std::size_t>(iy)]);
  return w;
}

double taylor_green(double x, double y) { return 2.0 * std::sin(kTwoPi * x) * std::sin(kTwoPi * y); }

// Max error of the last snapshot against w0 exp(-nu |k|^2 T).
double decay_error(double (*f)(double, double), double k2, double max_dt) {
  NavierStokesParams p;
  p.n = 32;
  p.viscosity = 1e-3;
  p.t_final = 1.0;
  p.snapshots = 3;
  p.max_dt = max_dt;
  const std::vector<double> w0 = sample(p.n, f);
  const auto r = solve_navier_stokes(p, w0);
  EXPECT_TRUE(r.finite);
  const double factor = std::exp(-p.viscosity * k2 * p.t_final);
  double error = 0;
  for (std::size_t i = 0; i < w0.size(); ++i)
    error = std::max(error, std::abs(r.w[2 * w0.size() + i] - factor * w0[i]));
  return error;
}

TEST(NavierStokes, TaylorGreenVortexDecaysExactly) {
  const double k2_tg = 2 * kTwoPi * kTwoPi, k2_shell = 25 * kTwoPi * kTwoPi;
  for (const auto& [f, k2] : {std::pair{&taylor_green, k2_tg}, std::pair{&shell_vortex, k2_shell}}) {
    const double coarse = decay_error(f, k2, 0.02), fine = decay_error(f, k2, 0.01);
    // Crank–Nicolson's error: about (nu k^2)^3 dt^2 T / 12 relative.
    EXPECT_LT(fine, 1e-5);
    EXPECT_NEAR(std::log2(coarse / fine), 2.0, 0.05) << "errors " << coarse << " -> " << fine;
  }
}

std::vector<double> random_flow_final(double max_dt) {
  NavierStokesParams p;
  p.n = 32;
  p.t_final = 1.0;
  p.snapshots = 2;
  p.max_dt = max_dt;
  const auto r = solve_navier_stokes(p, periodic_grf_sample(p.n, 0.3, 2.0, true, 11));
  EXPECT_TRUE(r.finite);
  EXPECT_LT(r.max_cfl, 1.0);
  return std::vector<double>(r.w.begin() + static_cast<std::ptrdiff_t>(r.w.size() / 2), r.w.end());
}

double max_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  return d;
}

TEST(NavierStokes, RandomFlowConvergesAtSecondOrderInTime) {
  const std::vector<double> reference = random_flow_final(0.0025);
  const double e1 = max_difference(random_flow_final(0.04), reference);
  const double e2 = max_difference(random_flow_final(0.02), reference);
  const double e3 = max_difference(random_flow_final(0.01), reference);
  // Richardson: with the reference at dt/4 of the finest, the ratios tend to 4.
  EXPECT_GT(std::log2(e1 / e2), 1.8) << e1 << " " << e2;
  EXPECT_GT(std::log2(e2 / e3), 1.8) << e2 << " " << e3;
  EXPECT_GT(e3, 0.0);
}

struct Invariants {
  double mean, enstrophy;
};

Invariants invariants(const std::vector<double>& w, std::size_t j, std::size_t cells) {
  const auto begin = w.begin() + static_cast<std::ptrdiff_t>(j * cells);
  const double mean =
      std::accumulate(begin, begin + static_cast<std::ptrdiff_t>(cells), 0.0) / static_cast<double>(cells);
  double enstrophy = 0;
  for (std::size_t i = 0; i < cells; ++i)
    enstrophy +=
        (begin[static_cast<std::ptrdiff_t>(i)] - mean) * (begin[static_cast<std::ptrdiff_t>(i)] - mean);
  return {mean, enstrophy / static_cast<double>(cells)};
}

TEST(NavierStokes, MeanVorticityConservedAndEnstrophyDecaysMonotonically) {
  NavierStokesParams p;  // the paper's nu = 1e-4, T = 5
  p.n = 32;
  p.snapshots = 21;
  std::vector<double> w0 = periodic_grf_sample(p.n, 0.3, 2.0, false, 5);
  for (double& v : w0) v += 0.3;  // a mean to conserve
  const auto r = solve_navier_stokes(p, w0);
  ASSERT_TRUE(r.finite);
  const std::size_t cells = w0.size();
  const Invariants first = invariants(r.w, 0, cells);
  double previous = first.enstrophy;
  for (std::size_t j = 1; j < static_cast<std::size_t>(p.snapshots); ++j) {
    const Invariants now = invariants(r.w, j, cells);
    EXPECT_NEAR(now.mean, first.mean, 1e-13) << "snapshot " << j;
    EXPECT_LE(now.enstrophy, previous) << "snapshot " << j;
    previous = now.enstrophy;
  }
  EXPECT_LT(previous, first.enstrophy * (1 - 1e-4));  // it does decay
}

TEST(NavierStokes, InviscidLimitConservesEnstrophy) {
  NavierStokesParams p;
  p.n = 32;
  p.viscosity = 0.0;
  p.snapshots = 11;
  p.t_final = 2.0;
  const std::vector<double> w0 = periodic_grf_sample(p.n, 0.8, 1.0, true, 3);
  const auto r = solve_navier_stokes(p, w0);
  ASSERT_TRUE(r.finite);
  const std::size_t cells = w0.size();
  const double e0 = invariants(r.w, 0, cells).enstrophy;
  for (std::size_t j = 1; j < static_cast<std::size_t>(p.snapshots); ++j) {
    EXPECT_NEAR(invariants(r.w, j, cells).enstrophy / e0, 1.0, 1e-7) << "snapshot " << j;
    EXPECT_NEAR(invariants(r.w, j, cells).mean, 0.0, 1e-13);
  }
  // The flow does move: the last snapshot differs from the first.
  double change = 0;
  for (std::size_t i = 0; i < cells; ++i) change = std::max(change, std::abs(r.w[10 * cells + i] - w0[i]));
  EXPECT_GT(change, 1e-2);
}

TEST(NavierStokes, BadParametersAreErrors) {
  NavierStokesParams p;
  p.n = 15;
  EXPECT_THROW(solve_navier_stokes(p, std::vector<double>(225, 0.0)), Error);
  p.n = 16;
  EXPECT_THROW(solve_navier_stokes(p, std::vector<double>(10, 0.0)), Error);
}

}  // namespace
}  // namespace las::pde
