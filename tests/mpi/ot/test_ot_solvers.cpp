// SPDX-License-Identifier: BSD-3-Clause
// Sinkhorn and SNS against independent truths: the sign of the Newton direction (ascent
// on the concave dual), agreement of the two solvers at equal eta, the closed form of W2
// in 1D (monotone matching), and equality of results at 1 and 2 ranks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "kernels/blas1.hpp"
#include "ot_test_util.hpp"
#include "solvers/ot/dual_state.hpp"
#include "solvers/ot/ot_problems.hpp"
#include "solvers/ot/ot_solve.hpp"
#include "solvers/ot/sparse_newton.hpp"

namespace las {
namespace {

// max |P_a - P_b| over the whole plan, from two potential sets on the same problem.
double plan_difference(const ot::OtProblem& p, double eta, const ot::OtResult& a,
                       const ot::OtResult& b) {
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  kernels::Matrix pa("pa", m, n), pb("pb", m, n);
  auto dev = [](const std::vector<double>& h) {
    kernels::Vector d("v", h.size());
    auto mm = Kokkos::create_mirror_view(d);
    for (size_t i = 0; i < h.size(); ++i) mm(i) = h[i];
    Kokkos::deep_copy(d, mm);
    return d;
  };
  p.visit_cost([&](const auto& cost) {
    kernels::ot_plan_block(cost, m, n, eta, dev(a.x), dev(a.y), pa);
    kernels::ot_plan_block(cost, m, n, eta, dev(b.x), dev(b.y), pb);
  });
  auto ha = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), pa);
  auto hb = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), pb);
  double d = 0;
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) d = std::max(d, std::abs(ha(i, j) - hb(i, j)));
  return p.comm().max(d);
}

TEST(Sns, NewtonDirectionAscendsTheDual) {
  Comm comm;
  const ot::OtProblem p = ot::random_assignment(comm, 80, 7);
  ot::DualState s(p, 200.0);
  for (int k = 0; k < 10; ++k) s.sinkhorn_update();
  const ot::PlanSums sums = s.evaluate(true);
  CgOptions cg;
  cg.rtol = 1e-10;
  for (double density : {2.0 / 80, 1.0}) {  // sparsified, and the exact Hessian
    const ot::NewtonDirection d = ot::newton_direction(s, sums, density, cg);
    EXPECT_TRUE(d.cg.converged()) << to_string(d.cg.reason);
    EXPECT_GT(d.slope, 0) << "density " << density << ": not an ascent direction";
    // And f really increases along +Δz and decreases along -Δz (the pitfall's direction).
    const double t = 1e-3;
    kernels::Vector xt("xt", s.x().extent(0)), yt("yt", s.y().extent(0));
    kernels::axpbyz(1.0, s.x(), t, d.dx, xt);
    kernels::axpbyz(1.0, s.y(), t, d.dy, yt);
    EXPECT_GT(s.evaluate(xt, yt, false).dual, sums.dual);
    kernels::axpbyz(1.0, s.x(), -t, d.dx, xt);
    kernels::axpbyz(1.0, s.y(), -t, d.dy, yt);
    EXPECT_LT(s.evaluate(xt, yt, false).dual, sums.dual);
    // The sparsified step keeps about density * n^2 entries of P.
    if (density < 1) {
      EXPECT_GE(d.kept, static_cast<long long>(density * 80 * 80));
      EXPECT_LE(d.kept, static_cast<long long>(3 * density * 80 * 80));
    }
  }
}

void expect_agreement(const ot::OtProblem& p, double eta) {
  ot::OtOptions o;
  o.eta = eta;
  o.tol = 1e-12;
  const ot::OtResult sk = ot::solve_sinkhorn(p, o);
  const ot::OtResult sns = ot::solve_sns(p, o);
  ASSERT_TRUE(sk.report.converged()) << to_string(sk.report.reason);
  ASSERT_TRUE(sns.report.converged()) << to_string(sns.report.reason);
  EXPECT_LE(sns.report.final_residual, 1e-11);
  EXPECT_GT(sns.newton_iterations, 0);
  EXPECT_LT(sns.report.iterations, sk.report.iterations);
  EXPECT_NEAR(sns.transport_cost, sk.transport_cost, 1e-8);
  EXPECT_NEAR(sns.entropic_cost, sk.entropic_cost, 1e-8);
  EXPECT_LE(plan_difference(p, eta, sk, sns), 1e-8);
}

TEST(Sns, AgreesWithSinkhornOnPlanAndCostAtTheSameEta) {
  Comm comm;
  expect_agreement(ot::random_assignment(comm, 100, 3), 100.0);
  ot::PointCloudSpec spec;
  spec.n = 120;
  spec.kind = ot::CloudKind::GaussianMixture;
  spec.seed = 11;
  expect_agreement(ot::point_clouds(comm, spec), 100.0);
  spec.cost = ot::OtCost::Euclidean;
  spec.kind = ot::CloudKind::Uniform;
  expect_agreement(ot::point_clouds(comm, spec), 30.0);
}

TEST(Sns, InexactNewtonSavesCgIterationsNotNewtonSteps) {
  // The forcing term loosens CG only while the marginal error is large: against CG at
  // cg_rtol throughout, fewer CG iterations, no more Newton steps, the same solution.
  // CG's count at 1e-10 on these ill-conditioned systems moves with rounding (one cloud
  // takes 493 or 378 iterations depending on FMA contraction), so the saving is summed
  // over three clouds.
  Comm comm;
  ot::OtOptions exact;
  exact.eta = 100;
  exact.tol = 1e-10;
  exact.cg_forcing = 0;
  ot::OtOptions inexact = exact;
  inexact.cg_forcing = 0.1;
  long long cg_exact = 0, cg_inexact = 0;
  for (const unsigned seed : {2u, 3u, 4u}) {
    ot::PointCloudSpec spec;
    spec.n = 300;
    spec.kind = ot::CloudKind::GaussianMixture;
    spec.seed = seed;
    const ot::OtProblem p = ot::point_clouds(comm, spec);
    const ot::OtResult a = ot::solve_sns(p, exact);
    const ot::OtResult b = ot::solve_sns(p, inexact);
    ASSERT_TRUE(a.report.converged()) << to_string(a.report.reason) << ", seed " << seed;
    ASSERT_TRUE(b.report.converged()) << to_string(b.report.reason) << ", seed " << seed;
    EXPECT_LE(b.newton_iterations, a.newton_iterations) << "seed " << seed;
    EXPECT_NEAR(b.transport_cost, a.transport_cost, 1e-9) << "seed " << seed;
    EXPECT_NEAR(b.entropic_cost, a.entropic_cost, 1e-9) << "seed " << seed;
    EXPECT_LE(plan_difference(p, exact.eta, a, b), 1e-9) << "seed " << seed;
    cg_exact += a.cg_iterations;
    cg_inexact += b.cg_iterations;
  }
  EXPECT_LT(double(cg_inexact), 0.8 * double(cg_exact));
}

TEST(Sns, ConvergesInTensOfIterationsWhereSinkhornNeedsThousands) {
  // The paper's regime (random assignment at eta = 1200), small enough for a test: SNS
  // reaches 1e-9 in a few dozen iterations; Sinkhorn is still far away after 5x as many.
  Comm comm;
  const ot::OtProblem p = ot::random_assignment(comm, 200, 1);
  ot::OtOptions o;
  o.eta = 1200;
  o.tol = 1e-9;
  const ot::OtResult sns = ot::solve_sns(p, o);
  ASSERT_TRUE(sns.report.converged()) << to_string(sns.report.reason);
  EXPECT_LE(sns.report.iterations, 40);
  EXPECT_EQ(sns.newton_failures, 0);
  o.max_iterations = 5 * sns.report.iterations;
  const ot::OtResult sk = ot::solve_sinkhorn(p, o);
  EXPECT_FALSE(sk.report.converged());
  EXPECT_GT(sk.report.final_residual, 1e3 * o.tol);
}

TEST(Sns, OneDimensionalW2ApproachesMonotoneMatching) {
  // Equal weights on sorted samples: the optimal plan matches the i-th smallest source to
  // the i-th smallest target, W2² = (1/n) Σ (a_(i) - b_(i))².
  const size_t n = 40;
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> a(n), b(n);
  for (auto& v : a) v = u(rng);
  for (auto& v : b) v = u(rng) * 0.8 + 0.3;
  std::vector<double> sa = a, sb = b;
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  double w2 = 0;
  for (size_t i = 0; i < n; ++i) w2 += (sa[i] - sb[i]) * (sa[i] - sb[i]) / double(n);

  Comm comm;
  long long local = 0, offset = 0;
  block_rows(static_cast<long long>(n), comm, local, offset);
  const std::vector<double> w(n, 1.0 / double(n));
  const std::vector<double> rows(a.begin() + offset, a.begin() + offset + local);
  const ot::OtProblem p =
      ot::OtProblem::points(comm, w, w, rows, b, 1, ot::OtCost::SquaredEuclidean);
  double previous = 1e300;
  for (double eta : {1e2, 1e3, 1e4}) {
    ot::OtOptions o;
    o.eta = eta;
    o.tol = 1e-10;
    const ot::OtResult r = ot::solve_sns(p, o);
    ASSERT_TRUE(r.report.converged()) << "eta " << eta << ": " << to_string(r.report.reason);
    const double gap = r.transport_cost - w2;
    EXPECT_GT(gap, -1e-9) << "eta " << eta;  // the optimum is a lower bound
    EXPECT_LT(gap, previous) << "eta " << eta;
    previous = gap;
  }
  EXPECT_LT(previous, 1e-3 * w2);  // the entropic bias is O(n log n / eta)
}

TEST(Sns, OneAndTwoRanksGiveTheSameResult) {
  Comm world;
  Comm self(MPI_COMM_SELF);
  ot::OtOptions o;
  o.eta = 300;
  o.tol = 1e-10;
  ot::PointCloudSpec spec;
  spec.n = 90;
  spec.seed = 4;
  const ot::OtResult a = ot::solve_sns(ot::point_clouds(world, spec), o);
  const ot::OtResult b = ot::solve_sns(ot::point_clouds(self, spec), o);
  ASSERT_TRUE(a.report.converged());
  ASSERT_TRUE(b.report.converged());
  EXPECT_EQ(a.sinkhorn_iterations, b.sinkhorn_iterations);
  EXPECT_EQ(a.newton_iterations, b.newton_iterations);
  EXPECT_NEAR(a.transport_cost, b.transport_cost, 1e-12);
  EXPECT_NEAR(a.entropic_cost, b.entropic_cost, 1e-12);
  // Column potentials are replicated: compare them entry by entry.
  ASSERT_EQ(a.y.size(), b.y.size());
  for (size_t j = 0; j < a.y.size(); ++j) EXPECT_NEAR(a.y[j], b.y[j], 1e-10) << j;
}

}  // namespace
}  // namespace las
