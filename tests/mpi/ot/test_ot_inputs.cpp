// SPDX-License-Identifier: BSD-3-Clause
// Bad OT input is rejected on every rank with an InputError that names the culprit.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "ot_test_util.hpp"
#include "solvers/core/error.hpp"
#include "solvers/ot/ot_problems.hpp"

namespace las {
namespace {

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

TEST(OtInputs, BadWeightsCostsAndSizesAreRejected) {
  Comm comm;
  const size_t n = 6;
  const std::vector<double> w(n, 1.0 / n);
  const std::vector<double> cost = test::uniform_costs(n, n, 1);
  auto with = [&](std::vector<double> r, std::vector<double> c, std::vector<double> cc) {
    return [=, &comm] { (void)test::dense_problem(comm, r, c, cc); };
  };
  std::vector<double> neg = w;
  neg[3] = -0.1;
  expect_input_error(with(neg, w, cost), "row weight r[3]");
  std::vector<double> nan_w = w;
  nan_w[1] = std::numeric_limits<double>::quiet_NaN();
  expect_input_error(with(w, nan_w, cost), "column weight c[1]");
  std::vector<double> heavy = w;
  heavy[0] *= 2;
  expect_input_error(with(w, heavy, cost), "different masses");
  // A NaN cost on the last row: only the last rank holds it, every rank must throw.
  std::vector<double> nan_cost = cost;
  nan_cost[(n - 1) * n + 2] = std::numeric_limits<double>::quiet_NaN();
  expect_input_error(with(w, w, nan_cost), "cost(5, 2)");
  // Mismatched sizes: 6 row weights against a cost with 5 columns per row.
  const std::vector<double> w5(n - 1, 1.0 / (n - 1));
  long long local = 0, offset = 0;
  block_rows(static_cast<long long>(n), comm, local, offset);
  const std::vector<double> block(cost.begin() + offset * n, cost.begin() + (offset + local) * n);
  expect_input_error([&] { (void)ot::OtProblem::dense(comm, w, w5, block); }, "x 5 columns");
  expect_input_error(
      [&] {
        (void)ot::OtProblem::points(comm, w, w, std::vector<double>(2 * n), std::vector<double>(3), 2,
                                    ot::OtCost::L1);
      },
      "points");
  expect_input_error([&] { (void)ot::parse_cost("cosine"); }, "cosine");
}

}  // namespace
}  // namespace las
