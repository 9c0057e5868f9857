// SPDX-License-Identifier: BSD-3-Clause
// IPOPT on the constrained logistic regression problems (logistic_test_problems.hpp), in
// a plain MPI-free executable like test_opt_ipopt (IPOPT's MUMPS brings a fake MPI). It
// checks IPOPT's own convergence and leaves name,objective,iterations,kkt,seconds per
// problem in LAS_IPOPT_LOGISTIC_RESULTS for test_opt_logistic, which solves the same
// problems with las's AdaSketch-Newton.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "solvers/anchors/ipopt_anchor.hpp"
#include "tests/unit/opt/logistic_test_problems.hpp"

namespace las::anchors {
namespace {

TEST(OptIpoptLogistic, SolvesTheLogisticProblems) {
  const char* path = std::getenv("LAS_IPOPT_LOGISTIC_RESULTS");
  ASSERT_NE(path, nullptr) << "LAS_IPOPT_LOGISTIC_RESULTS is not set";
  std::ofstream out(path);
  ASSERT_TRUE(out) << "cannot write " << path;
  out << "name,objective,iterations,kkt,seconds\n";
  out.precision(17);
  for (const auto& problem : opt::test_support::logistic_test_problems()) {
    SCOPED_TRACE(problem->name());
    const IpoptAnchorResult r = solve_with_ipopt(*problem);
    std::printf("%-20s %-18s iterations %3d  f %.12g  KKT %.1e\n", problem->name().c_str(), r.status.c_str(),
                r.iterations, r.objective, r.kkt_residual);
    EXPECT_TRUE(r.success) << r.status;
    EXPECT_LE(r.kkt_residual, 1e-6);
    // The recorded history ends at the returned iterate.
    ASSERT_FALSE(r.kkt_history.empty());
    EXPECT_NEAR(r.kkt_history.back(), r.kkt_residual, 1e-6);
    out << problem->name() << ',' << r.objective << ',' << r.iterations << ',' << r.kkt_residual << ','
        << r.seconds << '\n';
  }
}

}  // namespace
}  // namespace las::anchors
