// SPDX-License-Identifier: BSD-3-Clause
#include "apps/adasketch/adasketch_problems.hpp"

#include <cstdlib>

#include "solvers/core/error.hpp"
#include "solvers/opt/libsvm_reader.hpp"
#include "solvers/opt/logistic_regression.hpp"
#include "solvers/opt/poisson_control_problem.hpp"
#include "solvers/opt/problem_set.hpp"
#include "solvers/opt/sacado_problem.hpp"

namespace las::adasketch_app {
namespace {

SelectedProblem from_set(const opt::ProblemSetEntry& entry) {
  SelectedProblem p;
  p.name = entry.name;
  p.problem = entry.make();
  p.f_star = entry.f_star;
  p.has_f_star = true;
  p.initial_lambda.assign(static_cast<std::size_t>(p.problem->constraints()), 0.0);
  return p;
}

SelectedProblem logistic(const std::string& name, opt::LogisticData data, const ProblemSelection& s) {
  // The constraint stream is seeded apart from the data's, so changing one keeps the other.
  auto functions = opt::constrained_logistic(name, std::make_shared<const opt::LogisticData>(std::move(data)),
                                             s.linear_constraints, s.seed + 1);
  SelectedProblem p;
  p.name = name;
  p.problem = std::make_unique<opt::SacadoProblem<opt::ConstrainedLogistic>>(std::move(functions));
  p.initial_lambda.assign(static_cast<std::size_t>(p.problem->constraints()), 1.0);
  return p;
}

long long to_integer(const std::string& key, const std::string& text) {
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') throw ConfigError("argument " + key + " = '" + text + "' is not an integer");
  return v;
}

}  // namespace

std::vector<SelectedProblem> select_problems(const ProblemSelection& s) {
  std::vector<SelectedProblem> problems;
  if (s.name == "all") {
    for (const auto& entry : opt::equality_problem_set()) problems.push_back(from_set(entry));
  } else if (s.name == "logistic_generated") {
    problems.push_back(logistic(s.name, opt::generate_logistic_data(s.samples, s.features, s.seed), s));
  } else if (s.name == "logistic_libsvm") {
    problems.push_back(logistic(s.name, opt::read_libsvm(s.file), s));
  } else if (s.name == "poisson_control") {
    // The serial statement (sparse derivatives for IPOPT); las_adasketch itself solves the
    // distributed one (solvers/opt/distributed) from the same start.
    auto problem = std::make_unique<opt::PoissonControlProblem>(s.grid);
    SelectedProblem p;
    p.name = s.name;
    p.initial_lambda = problem->initial_multipliers();
    p.problem = std::move(problem);
    problems.push_back(std::move(p));
  } else {
    try {
      problems.push_back(from_set(opt::find_problem(s.name)));
    } catch (const ConfigError& e) {
      throw ConfigError(std::string(e.what()) + ", all, logistic_generated, logistic_libsvm, poisson_control");
    }
  }
  return problems;
}

std::vector<std::string> to_arguments(const ProblemSelection& s) {
  return {"name=" + s.name,
          "samples=" + std::to_string(s.samples),
          "features=" + std::to_string(s.features),
          "linear_constraints=" + std::to_string(s.linear_constraints),
          "seed=" + std::to_string(s.seed),
          "file=" + s.file,
          "N=" + std::to_string(s.grid)};
}

ProblemSelection from_arguments(const std::vector<std::string>& arguments) {
  ProblemSelection s;
  for (const std::string& argument : arguments) {
    const std::size_t eq = argument.find('=');
    if (eq == std::string::npos) throw ConfigError("argument '" + argument + "' is not key=value");
    const std::string key = argument.substr(0, eq), value = argument.substr(eq + 1);
    if (key == "name") s.name = value;
    else if (key == "file") s.file = value;
    else if (key == "samples") s.samples = static_cast<int>(to_integer(key, value));
    else if (key == "features") s.features = static_cast<int>(to_integer(key, value));
    else if (key == "linear_constraints") s.linear_constraints = static_cast<int>(to_integer(key, value));
    else if (key == "N") s.grid = static_cast<int>(to_integer(key, value));
    else if (key == "seed") s.seed = static_cast<std::uint64_t>(to_integer(key, value));
    else throw ConfigError("unknown argument '" + key + "'");
  }
  return s;
}

}  // namespace las::adasketch_app
