// SPDX-License-Identifier: BSD-3-Clause
// Which problems an las_adasketch run solves, built the same way in the app and in its
// IPOPT process (las_ipopt_runner), which cannot share the app's MPI process
// (solvers/anchors/ipopt_anchor.hpp). MPI-free: the runner links this alone with IPOPT.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solvers/opt/problem.hpp"

namespace las::adasketch_app {

/// The deck's problem.* keys.
struct ProblemSelection {
  std::string name = "all";   ///< a problem-set name, all, logistic_generated, logistic_libsvm or poisson_control
  int samples = 200;          ///< logistic_generated: N
  int features = 30;          ///< logistic_generated: n
  int linear_constraints = 10;  ///< logistic: k Gaussian rows of A x = b (the paper's 10)
  std::uint64_t seed = 2023;  ///< logistic: data and constraint seed (the authors' seed)
  std::string file;           ///< logistic_libsvm: the LIBSVM file
  int grid = 64;              ///< poisson_control: N of the N x N grid
};

struct SelectedProblem {
  std::string name;
  std::unique_ptr<opt::ConstrainedProblem> problem;
  double f_star = 0;            ///< the published optimum (problem set only)
  bool has_f_star = false;
  opt::Vector initial_lambda;   ///< 0 for the set, 1 for logistic and poisson_control (the papers' λ₀)
};

/// The problems in run order. ConfigError for an unknown name (listing the valid ones),
/// InputError for an unreadable or malformed LIBSVM file.
std::vector<SelectedProblem> select_problems(const ProblemSelection& selection);

/// The selection as key=value arguments, and back: how the app tells las_ipopt_runner
/// what to build. from_arguments throws ConfigError on an unknown or malformed argument.
std::vector<std::string> to_arguments(const ProblemSelection& selection);
ProblemSelection from_arguments(const std::vector<std::string>& arguments);

}  // namespace las::adasketch_app
