// SPDX-License-Identifier: BSD-3-Clause
// W₁/W₂ between discretised densities against closed forms: in 1D the unregularised
// optimum is the monotone rearrangement (computed here from the two CDFs), and the
// entropic cost between two Gaussians has a closed form (Janati et al. 2020; Mallasto et
// al. 2021) that the fine-grid discrete problem approaches. Plus 1 vs 2 ranks and bad
// specs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/ot/ot_densities.hpp"
#include "solvers/ot/ot_solve.hpp"

namespace las {
namespace {

// W_p^p between sorted 1D discrete measures from their CDFs F, G: on each interval of
// t in [0, 1] between consecutive CDF breakpoints both quantile functions are constant
// (F^-1(t) = xs[i], G^-1(t) = ys[j]), so the integral of |F^-1 - G^-1|^p is a finite
// sum. Exact up to rounding of the cumulative sums.
double monotone_wp(const std::vector<double>& xs, const std::vector<double>& a,
                   const std::vector<double>& ys, const std::vector<double>& b, int p) {
  std::vector<double> f(a.size()), g(b.size());
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) f[i] = (s += a[i]);
  s = 0;
  for (size_t j = 0; j < b.size(); ++j) g[j] = (s += b[j]);
  double total = 0, t_prev = 0;
  size_t i = 0, j = 0;
  while (i < f.size() && j < g.size()) {
    const double t = std::min(f[i], g[j]);
    total += (t - t_prev) * std::pow(std::abs(xs[i] - ys[j]), p);
    t_prev = t;
    if (f[i] <= t) ++i;
    if (g[j] <= t) ++j;
  }
  return total;
}

double entropy(const std::vector<double>& w) {
  double h = 0;
  for (double v : w) h -= v * std::log(v);
  return h;
}

ot::DensityPairSpec mixture_pair(int dim, long long grid, int p) {
  ot::DensityPairSpec s;
  s.dim = dim;
  s.grid = grid;
  s.p = p;
  // A bimodal source and a narrower unimodal target.
  s.source.means =
      dim == 1 ? std::vector<double>{0.25, 0.6} : std::vector<double>{0.25, 0.3, 0.6, 0.7};
  s.source.stds = {0.06, 0.1};
  s.source.weights = {0.4, 0.6};
  s.target.means = dim == 1 ? std::vector<double>{0.55} : std::vector<double>{0.55, 0.45};
  s.target.stds = {0.12};
  return s;
}

TEST(OtDensities, OneDimensionalCostApproachesTheMonotoneRearrangement) {
  Comm comm;
  for (int p : {1, 2}) {
    const ot::DensityPairSpec spec = mixture_pair(1, 60, p);
    const std::vector<double> x = ot::density_grid_points(1, spec.grid);
    const std::vector<double> r = ot::discretise_density(spec.source, 1, spec.grid, "source");
    const std::vector<double> c = ot::discretise_density(spec.target, 1, spec.grid, "target");
    const double exact = monotone_wp(x, r, x, c, p);
    if (p == 1) {
      // The oracle itself, against an independent formula: W₁ = ∫ |F - G| dx.
      double w1 = 0, f = 0, g = 0;
      for (size_t k = 0; k + 1 < x.size(); ++k)
        w1 += std::abs((f += r[k]) - (g += c[k])) * (x[k + 1] - x[k]);
      EXPECT_NEAR(exact, w1, 1e-14);
    }
    // Bound: the entropic plan P_η minimises <C,P> - H(P)/η, so
    //   0 <= <C,P_η> - W <= (H(P_η) - H(P*)) / η <= min(H(r), H(c)) / η,
    // using H(P) <= H(r) + H(c) for any coupling and H(P*) >= max(H(r), H(c)). The solver
    // stops at marginal error tol, which moves the cost by at most max C * tol per side.
    const double h_min = std::min(entropy(r), entropy(c)), tol = 1e-11, slack = 2 * tol;
    const ot::OtProblem problem = ot::discretised_densities(comm, spec);
    double previous = 1e300;
    // η up to where the gap is at rounding level (W₁'s at η = 1000 already is); larger
    // η only costs time (SNS needs hundreds of Newton steps on these flat W₁ optima).
    const std::vector<double> etas = p == 1 ? std::vector<double>{10, 30, 100, 300, 1000}
                                            : std::vector<double>{100, 1000, 10000};
    for (double eta : etas) {
      ot::OtOptions o;
      o.eta = eta;
      o.tol = tol;
      o.record_history = false;
      const ot::OtResult res = ot::solve_sns(problem, o);
      ASSERT_TRUE(res.report.converged())
          << "p " << p << " eta " << eta << ": " << to_string(res.report.reason);
      const double gap = res.transport_cost - exact;
      EXPECT_GE(gap, -slack) << "p " << p << " eta " << eta << ": below the exact optimum";
      EXPECT_LE(gap, h_min / eta + slack) << "p " << p << " eta " << eta;
      // <C,P_η> is non-increasing in η (d<C,P_η>/dε >= 0 with ε = 1/η).
      EXPECT_LE(gap, previous + slack) << "p " << p << " eta " << eta << ": not monotone in eta";
      previous = gap;
    }
  }
}

// The entropic OT between N(m1, s1²) and N(m2, s2²) in 1D with cost (x - y)², in the
// KL convention: min E(x - y)² + ε KL(π | μ⊗ν) over couplings π. The optimum is Gaussian
// with covariance [[a, k], [k, b]] (a = s1², b = s2²); E(x - y)² = (m1 - m2)² + a + b - 2k
// and KL = -½ log(1 - k²/(ab)) (the mutual information), minimised at
// 2k² + εk - 2ab = 0. This is Janati et al.'s formula with ε = 2σ².
struct GaussianEntropicOt {
  double transport = 0;  ///< E(x - y)² under the optimal π
  double kl_cost = 0;    ///< E(x - y)² + ε KL(π | μ⊗ν)
};
GaussianEntropicOt gaussian_entropic_ot(double m1, double s1, double m2, double s2, double eps) {
  const double a = s1 * s1, b = s2 * s2;
  const double k = (-eps + std::sqrt(eps * eps + 16 * a * b)) / 4;
  GaussianEntropicOt g;
  g.transport = (m1 - m2) * (m1 - m2) + a + b - 2 * k;
  g.kl_cost = g.transport - 0.5 * eps * std::log(1 - k * k / (a * b));
  return g;
}

struct DiscreteCosts {
  double transport = 0, kl_cost = 0;
};

// The discrete problem's <C,P> and its cost in the KL convention. las's entropic cost is
// <C,P> + ε Σ P log P (ε = 1/η). On the feasible set Σ P log P = KL(P | r⊗c) +
// Σ r log r + Σ c log c, so the KL-convention cost is the entropic cost plus
// ε (H(r) + H(c)); the discrete KL(P | r⊗c) approximates the continuous one as the grid
// refines (P_ij / (r_i c_j) -> π / (μ ν)).
// Solved by SNS. These problems once made its Newton steps crawl without falling back
// to Sinkhorn (weights spanning 1e-83 to 1e-3 in 2D; just above 1e-12 on the 10-point
// grid at 2 ranks); OtOptions::stall_ratio now sends such runs back to Sinkhorn steps.
DiscreteCosts solve_densities(const Comm& comm, const ot::DensityPairSpec& spec, double eta) {
  const std::vector<double> r = ot::discretise_density(spec.source, spec.dim, spec.grid, "source");
  const std::vector<double> c = ot::discretise_density(spec.target, spec.dim, spec.grid, "target");
  ot::OtOptions o;
  o.eta = eta;
  o.tol = 1e-12;
  o.record_history = false;
  const ot::OtResult res = ot::solve_sns(ot::discretised_densities(comm, spec), o);
  EXPECT_TRUE(res.report.converged())
      << "grid " << spec.grid << ": " << to_string(res.report.reason);
  return {res.transport_cost, res.entropic_cost + (entropy(r) + entropy(c)) / eta};
}

// Width of the narrowest Gaussian the discrete sums integrate: the marginals and the
// optimal plan's conditionals (std of y given x: sqrt(b - k²/a), and of x given y).
double narrowest_width(double s1, double s2, double eps) {
  const double a = s1 * s1, b = s2 * s2;
  const double k = (-eps + std::sqrt(eps * eps + 16 * a * b)) / 4;
  return std::min({s1, s2, std::sqrt(b - k * k / a), std::sqrt(a - k * k / b)});
}

TEST(OtDensities, EntropicCostBetweenGaussiansApproachesTheClosedForm) {
  Comm comm;
  // Means 8 standard deviations inside [0, 1]: the truncated tails weigh < 1e-15.
  const double m1 = 0.4, s1 = 0.05, m2 = 0.6, s2 = 0.04, eps = 0.005;
  const GaussianEntropicOt exact = gaussian_entropic_ot(m1, s1, m2, s2, eps);
  // Discretisation error estimate: every sum the discrete problem makes is a midpoint
  // rule on a smooth integrand made of Gaussians of width >= w, whose error by Poisson
  // summation is led by the first aliased frequency: relative 2 exp(-2π² w² / h²) for
  // grid spacing h. So the error falls faster than any power of h, down to the solver's
  // stopping level (marginal error 1e-12, times costs of order 1).
  const double w = narrowest_width(s1, s2, eps), two_pi_sq = 2 * M_PI * M_PI;
  auto estimate = [&](long long grid, double value) {
    const double h = 1.0 / double(grid);
    return 2 * std::exp(-two_pi_sq * w * w / (h * h)) * std::abs(value) + 1e-11;
  };
  ot::DensityPairSpec spec;
  spec.source = {{m1}, {s1}, {}};
  spec.target = {{m2}, {s2}, {}};
  for (long long grid : {10, 12, 16, 20, 24, 32, 48}) {
    spec.grid = grid;
    const DiscreteCosts d = solve_densities(comm, spec, 1 / eps);
    EXPECT_LE(std::abs(d.transport - exact.transport), estimate(grid, exact.transport))
        << "grid " << grid;
    EXPECT_LE(std::abs(d.kl_cost - exact.kl_cost), estimate(grid, exact.kl_cost))
        << "grid " << grid;
  }
  // The estimate itself is at the solver's level on the finest grid, so the last
  // checks above are "equal to the closed form to 1e-11".
  EXPECT_LT(estimate(48, 1.0), 2e-11);

  // 2D: isotropic Gaussians and the separable cost |x - y|² make the optimal plan the
  // product of the two axes' plans (cost and KL are sums over axes).
  const double m1y = 0.45, m2y = 0.5;
  const GaussianEntropicOt ey = gaussian_entropic_ot(m1y, s1, m2y, s2, eps);
  spec.dim = 2;
  spec.grid = 32;
  spec.source = {{m1, m1y}, {s1}, {}};
  spec.target = {{m2, m2y}, {s2}, {}};
  const DiscreteCosts d2 = solve_densities(comm, spec, 1 / eps);
  EXPECT_NEAR(d2.transport, exact.transport + ey.transport, 1e-10);
  EXPECT_NEAR(d2.kl_cost, exact.kl_cost + ey.kl_cost, 1e-10);
}

TEST(OtDensities, OneAndTwoRanksGiveTheSameResult) {
  // With CG solved tightly (cg_forcing 0) the distributed solver takes the serial one's
  // steps; with the default inexact Newton, CG's stopping iteration can differ by
  // rounding (the 2-rank reductions sum in another order) and so can the path, but not
  // the solution beyond the stopping tolerance.
  Comm world;
  Comm self(MPI_COMM_SELF);
  for (const double forcing : {0.0, ot::OtOptions().cg_forcing}) {
    ot::OtOptions o;
    o.eta = 300;
    o.tol = 1e-10;
    o.cg_forcing = forcing;
    const bool same_path = forcing == 0;
    const double same = same_path ? 1e-12 : 1e-10;
    for (const ot::DensityPairSpec& spec : {mixture_pair(1, 70, 1), mixture_pair(2, 9, 2)}) {
      const ot::OtResult a = ot::solve_sns(ot::discretised_densities(world, spec), o);
      const ot::OtResult b = ot::solve_sns(ot::discretised_densities(self, spec), o);
      const std::string where =
          "dim " + std::to_string(spec.dim) + ", forcing " + std::to_string(forcing);
      ASSERT_TRUE(a.report.converged()) << to_string(a.report.reason) << ", " << where;
      ASSERT_TRUE(b.report.converged()) << to_string(b.report.reason) << ", " << where;
      if (same_path) {
        EXPECT_EQ(a.sinkhorn_iterations, b.sinkhorn_iterations) << where;
        EXPECT_EQ(a.newton_iterations, b.newton_iterations) << where;
      }
      EXPECT_NEAR(a.transport_cost, b.transport_cost, same) << where;
      EXPECT_NEAR(a.entropic_cost, b.entropic_cost, same) << where;
      // Column potentials are replicated; compare them up to the gauge (x + t, y - t give
      // the same plan), which the Newton steps' projection fixes only up to rounding.
      ASSERT_EQ(a.y.size(), b.y.size());
      for (size_t j = 0; j < a.y.size(); ++j)
        EXPECT_NEAR(a.y[j] - a.y[0], b.y[j] - b.y[0], 1e-10) << where << ", y[" << j << "]";
    }
  }
}

// Runs make() and expects an InputError whose message contains `needle`.
template <class F>
void expect_input_error(F make, const std::string& needle) {
  try {
    make();
    ADD_FAILURE() << "no error; expected one mentioning '" << needle << "'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(OtDensities, BadSpecsAreRejected) {
  Comm comm;
  auto with = [&comm](ot::DensityPairSpec s) {
    return [s, &comm] { (void)ot::discretised_densities(comm, s); };
  };
  ot::DensityPairSpec s = mixture_pair(1, 20, 2);
  s.dim = 3;
  expect_input_error(with(s), "dim = 3");
  s = mixture_pair(1, 20, 2);
  s.p = 3;
  expect_input_error(with(s), "p = 3");
  s = mixture_pair(1, 1, 2);
  expect_input_error(with(s), "grid = 1");
  s = mixture_pair(2, 20, 2);
  s.target.means = {0.5};
  expect_input_error(with(s), "target density has 1 mean coordinates, expected 1 components x 2");
  s = mixture_pair(1, 20, 2);
  s.source.weights = {1.0};
  expect_input_error(with(s), "source density has 1 weights for 2 components");
  s.source.weights = {1.0, -1.0};
  expect_input_error(with(s), "weight -1 of component 1");
  s = mixture_pair(1, 20, 2);
  s.target.stds = {0.0};
  expect_input_error(with(s), "std 0 of component 0");
  s.target.stds = {1e-3};  // 1000x narrower than a cell 1/20 wide
  expect_input_error(with(s), "target density underflows");
}

}  // namespace
}  // namespace las
