// SPDX-License-Identifier: BSD-3-Clause
// The diffusion–sorption solver against independent truths:
//  - a manufactured solution (nonlinear R(u), both boundary conditions satisfied exactly,
//    a source term added): the error falls at the observed order 2 under refinement of
//    h and dt together;
//  - the linear limit k = 0 (R = 1: the heat equation with u(0) = 1, u(1) = -D u_x(1)):
//    the analytic eigenfunction series from u0 = 0, at the paper's grid and step.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "solvers/pde/diffusion_sorption.hpp"
#include "solvers/pde/random_initial_conditions.hpp"
#include "solvers/pde/time_grid.hpp"

namespace las::pde {
namespace {

constexpr double kPi = 3.14159265358979323846;

// u(x, t) = 1 + p(t) x + q(t) sin(pi x) with p = (D pi q - 1) / (1 + D): u(0) = 1 and
// u(1) = 1 + p = -D u_x(1) hold for every q(t); q(t) = 0.5 + 0.25 sin(2 pi t / T).
struct Manufactured {
  DiffusionSorptionParams p;
  double period;
  double q(double t) const { return 0.5 + 0.25 * std::sin(2 * kPi * t / period); }
  double dq(double t) const { return 0.25 * 2 * kPi / period * std::cos(2 * kPi * t / period); }
  double slope(double q_value) const { return (p.diffusivity * kPi * q_value - 1.0) / (1.0 + p.diffusivity); }
  double u(double x, double t) const { return 1.0 + slope(q(t)) * x + q(t) * std::sin(kPi * x); }
  double source(double x, double t) const {
    const double u_t = p.diffusivity * kPi * dq(t) / (1.0 + p.diffusivity) * x + dq(t) * std::sin(kPi * x);
    const double u_xx = -kPi * kPi * q(t) * std::sin(kPi * x);
    return u_t - p.diffusivity / retardation(p, u(x, t)) * u_xx;
  }
};

// The solution at T of the manufactured problem on `cells` cells with steps <= max_dt.
std::vector<double> manufactured_final(const Manufactured& m, int cells, double max_dt) {
  DiffusionSorptionParams p = m.p;
  p.cells = cells;
  p.snapshots = 2;
  p.max_dt = max_dt;
  const std::vector<double> x = cell_centres(cells);
  std::vector<double> u0(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) u0[i] = m.u(x[i], 0.0);
  const auto r = solve_diffusion_sorption(p, u0, [&m](double xx, double t) { return m.source(xx, t); });
  EXPECT_TRUE(r.converged);
  return std::vector<double>(r.u.begin() + static_cast<std::ptrdiff_t>(x.size()), r.u.end());
}

Manufactured manufactured(double diffusivity, double t_final) {
  Manufactured m;
  m.p.diffusivity = diffusivity;  // the paper's Freundlich sorption otherwise
  m.p.t_final = t_final;
  m.period = t_final;
  return m;
}

double max_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double d = 0;
  for (std::size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  return d;
}

// The paper's D (sorption-dominated, slow) and a diffusion-dominated D = 0.1.
const std::pair<double, double> kCases[] = {{5e-4, 500.0}, {0.1, 5.0}};

TEST(DiffusionSorption, ManufacturedSolutionConvergesAtSecondOrderInSpace) {
  for (const auto& [diffusivity, t_final] : kCases) {
    const Manufactured m = manufactured(diffusivity, t_final);
    std::vector<double> errors;
    for (int cells : {32, 64, 128, 256}) {
      const std::vector<double> u =
          manufactured_final(m, cells, t_final / 2048);  // time error < 3% of space's
      const std::vector<double> x = cell_centres(cells);
      double error = 0;
      for (std::size_t i = 0; i < x.size(); ++i) error = std::max(error, std::abs(u[i] - m.u(x[i], t_final)));
      errors.push_back(error);
    }
    for (std::size_t k = 1; k < errors.size(); ++k)
      EXPECT_NEAR(std::log2(errors[k - 1] / errors[k]), 2.0, 0.1)
          << "D = " << diffusivity << ": errors " << errors[k - 1] << " -> " << errors[k];
    EXPECT_LT(errors.back(), 1e-5) << "D = " << diffusivity;
  }
}

// Time: against the same grid with a 16x smaller step than the finest, so the spatial
// error cancels. (At coarser steps the nonlinear R(u) leaves the order pre-asymptotic:
// 1.0-1.8 from 32 to 128 steps.)
TEST(DiffusionSorption, ManufacturedSolutionConvergesAtSecondOrderInTime) {
  for (const auto& [diffusivity, t_final] : kCases) {
    const Manufactured m = manufactured(diffusivity, t_final);
    const std::vector<double> reference = manufactured_final(m, 64, t_final / 8192);
    std::vector<double> errors;
    for (int steps : {128, 256, 512})
      errors.push_back(max_difference(manufactured_final(m, 64, t_final / steps), reference));
    EXPECT_GT(std::log2(errors[0] / errors[1]), 1.6)
        << "D = " << diffusivity << ": " << errors[0] << " -> " << errors[1];
    EXPECT_NEAR(std::log2(errors[1] / errors[2]), 2.0, 0.2)
        << "D = " << diffusivity << ": " << errors[1] << " -> " << errors[2];
  }
}

// sin(mu x) with tan(mu) = -D mu: the eigenfunctions of u'' with u(0) = 0 and
// u(1) + D u'(1) = 0. The n-th root lies in ((n - 1/2) pi, n pi).
double eigenvalue_root(double diffusivity, int n) {
  double lo = (n - 0.5) * kPi, hi = n * kPi;
  auto f = [diffusivity](double mu) { return std::sin(mu) + diffusivity * mu * std::cos(mu); };
  const double f_lo = f(lo);
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    if ((f(mid) > 0) == (f_lo > 0))
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

// u = u_s + sum_n c_n exp(-D mu_n^2 t) sin(mu_n x), u_s = 1 + b x, b = -1/(1 + D), from u0 = 0:
// c_n = -<1 + b x, sin(mu_n x)> / <sin, sin>.
double series_solution(double diffusivity, const std::vector<double>& roots, double x, double t) {
  const double b = -1.0 / (1.0 + diffusivity);
  double u = 1.0 + b * x;
  for (const double mu : roots) {
    const double projection = (1.0 - std::cos(mu)) / mu + b * (std::sin(mu) / (mu * mu) - std::cos(mu) / mu);
    const double norm = 0.5 - std::sin(2.0 * mu) / (4.0 * mu);
    u += -projection / norm * std::exp(-diffusivity * mu * mu * t) * std::sin(mu * x);
  }
  return u;
}

TEST(DiffusionSorption, LinearLimitMatchesTheAnalyticSeries) {
  DiffusionSorptionParams p;  // the paper's grid (1024 cells), times (0..500, 101) and step
  p.freundlich_k = 0.0;
  EXPECT_EQ(retardation(p, 0.3), 1.0);
  const auto r = solve_diffusion_sorption(p, std::vector<double>(static_cast<std::size_t>(p.cells), 0.0));
  ASSERT_TRUE(r.converged);
  const std::vector<double> x = cell_centres(p.cells);
  const std::vector<double> t = snapshot_times(p.t_final, p.snapshots);
  std::vector<double> roots;  // 300 terms: exp(-D mu^2 t) < 1e-40 beyond, for t >= 50
  for (int n = 1; n <= 300; ++n) roots.push_back(eigenvalue_root(p.diffusivity, n));
  // Measured: 1.0e-5, 7.0e-7, 1.0e-7 (the jump between u0 = 0 and u(0) = 1 costs accuracy
  // early on; BDF2 at the default step 0.5 s and h = 1/1024 later).
  for (const auto& [j, tolerance] : {std::pair{10, 2e-5}, std::pair{50, 1.5e-6}, std::pair{100, 2e-7}}) {
    double error = 0;
    for (std::size_t i = 0; i < x.size(); i += 7)
      error = std::max(error,
                       std::abs(r.u[static_cast<std::size_t>(j) * x.size() + i] -
                                series_solution(p.diffusivity, roots, x[i], t[static_cast<std::size_t>(j)])));
    EXPECT_LT(error, tolerance) << "t = " << t[static_cast<std::size_t>(j)];
  }
}

TEST(DiffusionSorption, RandomInitialDataStaysBoundedAndDeterministic) {
  DiffusionSorptionParams p;
  p.cells = 256;
  p.snapshots = 11;
  const std::vector<double> u0 = uniform_noise_initial_condition(p.cells, 0.2, 7);
  EXPECT_EQ(u0, uniform_noise_initial_condition(p.cells, 0.2, 7));
  EXPECT_NE(u0, uniform_noise_initial_condition(p.cells, 0.2, 8));
  for (double v : u0) EXPECT_TRUE(v >= 0.0 && v < 0.2);
  const auto r = solve_diffusion_sorption(p, u0);
  ASSERT_TRUE(r.converged);
  // Maximum principle of the continuous problem: 0 <= u <= max(1, max u0) = 1.
  for (double v : r.u) {
    EXPECT_GT(v, -1e-9);
    EXPECT_LT(v, 1.0 + 1e-9);
  }
  EXPECT_EQ(solve_diffusion_sorption(p, u0).u, r.u);
}

}  // namespace
}  // namespace las::pde
