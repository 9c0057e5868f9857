// SPDX-License-Identifier: BSD-3-Clause
// A solve replicated on every rank gives bit-identical iterates and counts (same seed,
// same arithmetic, no rank-dependent state), which a distributed caller that solves a
// small problem redundantly on each rank relies on; each rank's result is also checked
// against the published f*.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "solvers/core/comm.hpp"
#include "solvers/opt/ada_sketch_newton.hpp"
#include "solvers/opt/problem_set.hpp"

namespace las::opt {
namespace {

TEST(OptRanks, ReplicatedSolveIsBitIdenticalOnEveryRank) {
  const Comm comm;
  for (const char* name : {"HS40", "HS78", "BT5"}) {
    SCOPED_TRACE(name);
    const ProblemSetEntry& entry = find_problem(name);
    const OptResult r = ada_sketch_newton(*entry.make(), AdaSketchOptions{});
    ASSERT_TRUE(r.converged()) << r.message;
    EXPECT_LE(std::abs(r.objective - entry.f_star) / std::max(1.0, std::abs(entry.f_star)), 1e-6);
  // Rank 0's iterate and counters, broadcast and compared bit for bit.
    std::vector<double> root = r.x;
    root.push_back(static_cast<double>(r.iterations));
    root.push_back(static_cast<double>(r.inner_iterations));
    const std::vector<double> mine = root;
    MPI_Bcast(root.data(), static_cast<int>(root.size()), MPI_DOUBLE, 0, comm.get());
    EXPECT_EQ(std::memcmp(root.data(), mine.data(), root.size() * sizeof(double)), 0)
        << "rank " << comm.rank() << " differs from rank 0";
  }
}

}  // namespace
}  // namespace las::opt
