// SPDX-License-Identifier: BSD-3-Clause
// The constrained logistic regression problems of the opt tests, built identically in
// test_opt_logistic (las) and in test_opt_ipopt_logistic (IPOPT, a separate MPI-free
// process): small generated data and the hand-made LIBSVM file of inputs/adasketch.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "solvers/opt/libsvm_reader.hpp"
#include "solvers/opt/logistic_regression.hpp"
#include "solvers/opt/sacado_problem.hpp"

namespace las::opt::test_support {

inline std::unique_ptr<ConstrainedProblem> make_logistic(ConstrainedLogistic functions) {
  return std::make_unique<SacadoProblem<ConstrainedLogistic>>(std::move(functions));
}

/// Generated: 50 samples, 16 features, 4 linear rows (n + m = 21 keeps the test fast);
/// LIBSVM: inputs/adasketch/tiny.libsvm (48 x 30) with the paper's 10 linear rows.
inline std::vector<std::unique_ptr<ConstrainedProblem>> logistic_test_problems() {
  std::vector<std::unique_ptr<ConstrainedProblem>> problems;
  problems.push_back(make_logistic(constrained_logistic(
      "logistic_generated", std::make_shared<const LogisticData>(generate_logistic_data(50, 16, 11)), 4, 12)));
  problems.push_back(make_logistic(constrained_logistic(
      "logistic_libsvm", std::make_shared<const LogisticData>(read_libsvm(LAS_TINY_LIBSVM)), 10, 2024)));
  return problems;
}

}  // namespace las::opt::test_support
