// SPDX-License-Identifier: BSD-3-Clause
// IPOPT, the anchor, on the same templated problems (exact Hessian from Sacado): every
// problem reaches its published f* to 1e-6 relative with KKT <= 1e-6. Built without MPI
// (IPOPT's MUMPS brings a fake MPI), so this is a plain GoogleTest executable. With
// LAS_IPOPT_RESULTS set, it writes name,objective,iterations,kkt,seconds per problem
// there for test_opt_vs_ipopt, which runs las's solver on the same problems.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "solvers/anchors/ipopt_anchor.hpp"
#include "solvers/opt/problem_set.hpp"

namespace las::anchors {
namespace {

TEST(OptIpopt, EveryProblemReachesItsPublishedOptimum) {
  const char* path = std::getenv("LAS_IPOPT_RESULTS");
  std::ofstream out;
  if (path != nullptr) {
    out.open(path);
    ASSERT_TRUE(out) << "cannot write " << path;
    out << "name,objective,iterations,kkt,seconds\n";
    out.precision(17);
  }
  int solved = 0;
  for (const auto& entry : opt::equality_problem_set()) {
    SCOPED_TRACE(entry.name);
    const auto problem = entry.make();
    const IpoptAnchorResult r = solve_with_ipopt(*problem);
    const double error = std::abs(r.objective - entry.f_star) / std::max(1.0, std::abs(entry.f_star));
    std::printf("%-9s %-26s iterations %3d  f %.10g  f* %.10g  rel.err %.1e  KKT %.1e\n", entry.name.c_str(),
                r.status.c_str(), r.iterations, r.objective, entry.f_star, error, r.kkt_residual);
    EXPECT_TRUE(r.success) << r.status;
    EXPECT_LE(r.kkt_residual, 1e-6);
    EXPECT_LE(error, 1e-6) << "published f* = " << entry.f_star << " (" << entry.source << ")";
    if (r.success && r.kkt_residual <= 1e-6 && error <= 1e-6) ++solved;
    if (out) out << entry.name << ',' << r.objective << ',' << r.iterations << ',' << r.kkt_residual << ',' << r.seconds << '\n';
  }
  std::printf("IPOPT: solved %d of %zu\n", solved, opt::equality_problem_set().size());
}

}  // namespace
}  // namespace las::anchors
