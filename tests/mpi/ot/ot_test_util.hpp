// SPDX-License-Identifier: BSD-3-Clause
// Helpers for the OT solver tests: whole-problem dense costs built identically on every
// rank, sliced into each rank's block.
#pragma once

#include <random>
#include <vector>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/ot/ot_problem.hpp"

namespace las::test {

inline std::vector<double> uniform_costs(size_t rows, size_t cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> c(rows * cols);
  for (double& v : c) v = u(rng);
  return c;
}

/// The problem with full cost `c` (rows x c.size()/rows), this rank's block only.
inline ot::OtProblem dense_problem(const Comm& comm, const std::vector<double>& r,
                                   const std::vector<double>& w, const std::vector<double>& c) {
  long long local = 0, offset = 0;
  block_rows(static_cast<long long>(r.size()), comm, local, offset);
  const size_t n = w.size();
  std::vector<double> block(c.begin() + offset * n, c.begin() + (offset + local) * n);
  return ot::OtProblem::dense(comm, r, w, block);
}

}  // namespace las::test
