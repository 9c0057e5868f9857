// SPDX-License-Identifier: BSD-3-Clause
// The coarse correction of SNS (solvers/ot/coarse_correction.hpp) against independent
// truths: the group coupling against a direct double loop over the plan, the components
// of P_s against the cluster structure the problem is built with, and the solution on
// weakly coupled clusters against SNS with the exact (full-density) Hessian. Without the
// coarse step the capped-density solver stalls on that problem: the test shows both.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/ot_coarse.hpp"
#include "ot_test_util.hpp"
#include "solvers/ot/coarse_correction.hpp"
#include "solvers/ot/dual_state.hpp"
#include "solvers/ot/ot_solve.hpp"
#include "solvers/ot/sparse_newton.hpp"
#include "tests/unit/kernels/test_kernels_common.hpp"

namespace las {
namespace {

using test::to_device;

TEST(OtCoarse, GroupCouplingIsThePlanMassBetweenGroups) {
  Comm comm;
  const size_t m = 23, n = 17;
  const int groups = 3;
  const double eta = 4.0;
  const std::vector<double> cost = test::uniform_costs(m, n, 2);
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  std::uniform_int_distribution<int> g(0, groups - 1);
  std::vector<double> x(m), y(n);
  std::vector<int> row_group(m), col_group(n);
  for (auto& v : x) v = u(rng);
  for (auto& v : y) v = u(rng);
  for (auto& v : row_group) v = g(rng);
  for (auto& v : col_group) v = g(rng);
  const ot::OtProblem p = test::dense_problem(comm, std::vector<double>(m, 1.0 / m),
                                              std::vector<double>(n, 1.0 / n), cost);
  const size_t local = static_cast<size_t>(p.local_rows());
  const size_t offset = static_cast<size_t>(p.row_offset());

  kernels::Vector q("q", groups * groups);
  p.visit_cost([&](const auto& c) {
    kernels::ot_group_coupling(
        c, local, n, eta,
        to_device(std::vector<double>(x.begin() + offset, x.begin() + offset + local)),
        to_device(y),
        to_device(std::vector<int>(row_group.begin() + offset, row_group.begin() + offset + local)),
        to_device(col_group), groups, q);
  });
  auto hq = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), q);
  std::vector<double> computed(hq.data(), hq.data() + hq.extent(0));
  p.comm().sum_in_place(computed);

  std::vector<double> expected(groups * groups, 0.0);
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j)
      if (row_group[i] != col_group[j])
        expected[row_group[i] * groups + col_group[j]] +=
            std::exp(eta * (x[i] + y[j] - cost[i * n + j]) - 1.0);
  for (int k = 0; k < groups * groups; ++k) {
    EXPECT_NEAR(computed[k], expected[k], 1e-14 * (1 + expected[k])) << "entry " << k;
    if (k % (groups + 1) == 0) {
      EXPECT_EQ(computed[k], 0.0) << "diagonal " << k;
    }
  }
}

// Two clusters of `half` rows and `half` columns: costs U[0, 0.2] inside a cluster, 0.6 +
// U[0, 0.2] between them; cluster A's columns want `excess` more mass than its rows hold,
// so that much must cross from B's rows, through entries ~exp(-eta 0.6) ~ 1e-11 times the
// ones inside a cluster at the start. Sinkhorn, and Newton on P_s without them, balance
// the clusters at a rate of that tiny mass: not at all.
ot::OtProblem two_clusters(const Comm& comm, size_t half, double excess) {
  const size_t n = 2 * half;
  std::vector<double> cost = test::uniform_costs(n, n, 7);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double& c = cost[i * n + j];
      c = 0.2 * c + ((i < half) == (j < half) ? 0.0 : 0.6);
    }
  std::vector<double> r(n, 1.0 / double(n)), c(n);
  for (size_t j = 0; j < n; ++j) c[j] = (0.5 + (j < half ? excess : -excess)) / double(half);
  return test::dense_problem(comm, r, c, cost);
}

constexpr double kEta = 40;
constexpr size_t kHalf = 30;

ot::OtOptions capped_density() {
  ot::OtOptions o;
  o.eta = kEta;
  o.tol = 1e-10;
  o.density = o.max_density = 0.25;  // about half of each cluster's entries, none between
  return o;
}

TEST(OtCoarse, ComponentsOfTheThresholdedPlanAreTheClusters) {
  Comm comm;
  const ot::OtProblem p = two_clusters(comm, kHalf, 1e-6);
  ot::DualState s(p, kEta);
  for (int k = 0; k < 20; ++k) s.sinkhorn_update();
  const ot::PlanSums sums = s.evaluate(true);
  ot::NewtonWorkspace workspace;
  CgOptions cg;
  ot::newton_direction(s, sums, capped_density().density, cg, workspace);
  const ot::PlanGroups groups = ot::kept_components(s, workspace);
  ASSERT_EQ(groups.count, 2);
  auto rows = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), groups.rows);
  auto cols = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), groups.cols);
  ASSERT_EQ(cols.extent(0), 2 * kHalf);
  const int a = cols(0);
  for (size_t j = 0; j < 2 * kHalf; ++j) EXPECT_EQ(cols(j) == a, j < kHalf) << "column " << j;
  for (size_t i = 0; i < rows.extent(0); ++i)
    EXPECT_EQ(rows(i) == a, size_t(p.row_offset()) + i < kHalf) << "local row " << i;
}

TEST(OtCoarse, BalancesWeaklyCoupledClustersWhereCappedNewtonStalls) {
  Comm comm;
  const ot::OtProblem p = two_clusters(comm, kHalf, 1e-6);

  ot::OtOptions exact = capped_density();
  exact.density = exact.max_density = 1.0;  // the oracle: Newton on the whole Hessian
  const ot::OtResult truth = ot::solve_sns(p, exact);
  ASSERT_TRUE(truth.report.converged()) << to_string(truth.report.reason);

  ot::OtOptions without = capped_density();
  without.coarse_correction = false;
  without.max_iterations = 300;
  const ot::OtResult stalled = ot::solve_sns(p, without);
  EXPECT_FALSE(stalled.report.converged());
  EXPECT_GT(stalled.report.final_residual, 1e3 * without.tol);

  const ot::OtResult coarse = ot::solve_sns(p, capped_density());
  ASSERT_TRUE(coarse.report.converged()) << to_string(coarse.report.reason);
  EXPECT_GE(coarse.coarse_steps, 1);
  EXPECT_EQ(coarse.coarse_groups, 2);
  EXPECT_LE(coarse.report.iterations, 60);
  EXPECT_NEAR(coarse.transport_cost, truth.transport_cost, 1e-8);
  EXPECT_NEAR(coarse.entropic_cost, truth.entropic_cost, 1e-8);
  ASSERT_EQ(coarse.y.size(), truth.y.size());
  // Potentials are unique up to x + t, y - t: compare the gauge-free y_j - y_0.
  for (size_t j = 1; j < truth.y.size(); ++j)
    EXPECT_NEAR(coarse.y[j] - coarse.y[0], truth.y[j] - truth.y[0], 1e-6) << "column " << j;
}

TEST(OtCoarse, OneAndTwoRanksTakeTheSameSteps) {
  Comm world;
  Comm self(MPI_COMM_SELF);
  const ot::OtResult a = ot::solve_sns(two_clusters(world, kHalf, 1e-6), capped_density());
  const ot::OtResult b = ot::solve_sns(two_clusters(self, kHalf, 1e-6), capped_density());
  ASSERT_TRUE(a.report.converged());
  ASSERT_TRUE(b.report.converged());
  EXPECT_EQ(a.coarse_steps, b.coarse_steps);
  EXPECT_EQ(a.newton_iterations, b.newton_iterations);
  EXPECT_EQ(a.sinkhorn_iterations, b.sinkhorn_iterations);
  EXPECT_NEAR(a.transport_cost, b.transport_cost, 1e-12);
  for (size_t j = 0; j < a.y.size(); ++j) EXPECT_NEAR(a.y[j], b.y[j], 1e-10) << j;
}

}  // namespace
}  // namespace las
