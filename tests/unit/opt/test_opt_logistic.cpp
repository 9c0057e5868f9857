// SPDX-License-Identifier: BSD-3-Clause
// Constrained logistic regression (the AdaSketch paper's problem): the objective against
// closed forms, the LIBSVM reader against hand-written files (contents and one-line
// errors naming file:line and the token), and AdaSketch-Newton's solutions (KKT <= 1e-6)
// against IPOPT's on the same problems. IPOPT runs in test_opt_ipopt_logistic, a
// separate MPI-free process (IPOPT brings a fake MPI), and leaves its results in a CSV
// read here (built with LAS_IPOPT_LOGISTIC_RESULTS when las has IPOPT).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "solvers/core/error.hpp"
#include "solvers/opt/ada_sketch_newton.hpp"
#include "tests/unit/opt/ipopt_results_csv.hpp"
#include "tests/unit/opt/logistic_test_problems.hpp"

namespace las::opt {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("las_test_opt_logistic_" + name);
  std::ofstream(path) << text;
  return path.string();
}

// The InputError message of reading `text` as a LIBSVM file (empty: no error).
std::string libsvm_error(const std::string& name, const std::string& text) {
  const std::string path = write_temp(name, text);
  std::string message;
  try {
    read_libsvm(path);
  } catch (const InputError& e) {
    message = e.what();
  }
  std::filesystem::remove(path);
  return message;
}

TEST(OptLogistic, ObjectiveMatchesClosedForms) {
  // Two samples: a₁ = (1, 0) with y = +1, a₂ = (0, 2) with y = -1.
  LogisticData d;
  d.features = 2;
  d.row_start = {0, 1, 2};
  d.column = {0, 1};
  d.value = {1.0, 2.0};
  d.label = {1.0, -1.0};
  const auto data = std::make_shared<const LogisticData>(d);
  ConstrainedLogistic p = constrained_logistic("two", data, 1, 5);
  p.a(0, 0) = 1.0;  // c₁ = x₀ + x₁ - 1, c₂ = ‖x‖² - 1
  p.a(0, 1) = 1.0;
  p.b = {1.0};
  // f(0) = log 2 for any data; f(x) = (log(1 + e^{-x₀}) + log(1 + e^{2x₁})) / 2.
  EXPECT_DOUBLE_EQ(p.objective(Vector{0.0, 0.0}), std::log(2.0));
  const Vector x{0.3, -0.4};
  EXPECT_NEAR(p.objective(x), 0.5 * (std::log1p(std::exp(-0.3)) + std::log1p(std::exp(-0.8))), 1e-15);
  // Far out the loss stays finite: log(1 + e^{800}) = 800 to rounding.
  EXPECT_NEAR(p.objective(Vector{-800.0, 0.0}), 0.5 * (800.0 + std::log(2.0)), 1e-12);
  Vector c(2);
  p.constraints(x, c);
  EXPECT_NEAR(c[0], 0.3 - 0.4 - 1.0, 1e-15);
  EXPECT_NEAR(c[1], 0.09 + 0.16 - 1.0, 1e-15);
}

TEST(OptLogistic, GeneratedDataAreDeterministicAndBalanced) {
  const LogisticData a = generate_logistic_data(400, 8, 3), b = generate_logistic_data(400, 8, 3);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.label, b.label);
  EXPECT_NE(a.value, generate_logistic_data(400, 8, 4).value);
  double mean = 0, square = 0, positives = 0;
  for (double v : a.value) {
    mean += v;
    square += v * v;
  }
  for (double y : a.label) positives += y > 0 ? 1 : 0;
  const double count = static_cast<double>(a.value.size());
  EXPECT_NEAR(mean / count, 0.0, 0.05);    // 3200 N(0, 1) draws: 3 standard errors is 0.053
  EXPECT_NEAR(square / count, 1.0, 0.08);  // the variance's standard error is 0.025
  EXPECT_GT(positives, 120.0);             // a symmetric model: about half each way
  EXPECT_LT(positives, 280.0);
}

TEST(OptLogistic, LibsvmReaderReadsSparseRows) {
  const std::string path = write_temp("good.libsvm", "# comment\n+1 1:0.5 3:-2\n\n0 2:1e-3\r\n-1\n");
  const LogisticData d = read_libsvm(path);
  std::filesystem::remove(path);
  EXPECT_EQ(d.features, 3);
  EXPECT_EQ(d.label, (Vector{1.0, -1.0, -1.0}));
  EXPECT_EQ(d.row_start, (std::vector<std::size_t>{0, 2, 3, 3}));
  EXPECT_EQ(d.column, (std::vector<int>{0, 2, 1}));
  EXPECT_EQ(d.value, (Vector{0.5, -2.0, 1e-3}));
}

TEST(OptLogistic, LibsvmReaderRejectsMalformedLinesNamingFileLineAndToken) {
  const struct {
    const char* name;
    const char* text;
    const char* expect;  // after "<path>:"
  } cases[] = {
      {"label", "+1 1:1\n2 1:1\n", "2: bad token '2': the label must be"},
      {"colon", "1 1:1 2.5\n", "1: bad token '2.5': expected index:value"},
      {"zero_index", "1 0:1\n", "1: bad token '0:1': the index must be an integer >= 1"},
      {"descending", "1 1:1\n-1 3:1 2:1\n", "2: bad token '2:1': indices must be strictly ascending"},
      {"repeated", "1 2:1 2:3\n", "1: bad token '2:3': indices must be strictly ascending"},
      {"nan", "1 1:nan\n", "1: bad token '1:nan': the value must be a finite number"},
      {"trailing", "1 1:1.5x\n", "1: bad token '1:1.5x': the value must be a finite number"},
      {"empty_value", "1 4:\n", "1: bad token '4:': the value must be a finite number"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string message = libsvm_error(c.name, c.text);
    const std::string path = (std::filesystem::temp_directory_path() / (std::string("las_test_opt_logistic_") + c.name)).string();
    EXPECT_EQ(message.rfind(path + ":" + c.expect, 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
  }
  EXPECT_NE(libsvm_error("empty", "# nothing\n\n").find("no samples"), std::string::npos);
  try {
    read_libsvm("/nonexistent/las_no_such.libsvm");
    ADD_FAILURE() << "a missing file must throw";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/las_no_such.libsvm: cannot open"), std::string::npos);
  }
}

TEST(OptLogistic, TooManyLinearConstraintsIsAConfigError) {
  const auto data = std::make_shared<const LogisticData>(generate_logistic_data(10, 4, 1));
  EXPECT_THROW(constrained_logistic("x", data, 4, 1), ConfigError);
  EXPECT_THROW(constrained_logistic("x", data, 0, 1), ConfigError);
}

// AdaSketch-Newton from the paper's start (x₀ = 1, λ₀ = 1) reaches KKT <= 1e-6 and
// IPOPT's objective to 1e-6 relative, with the GV and RK inner solvers.
class LogisticSolve : public ::testing::TestWithParam<SketchKind> {};

TEST_P(LogisticSolve, MatchesIpopt) {
#ifdef LAS_IPOPT_LOGISTIC_RESULTS
  const auto ipopt = test_support::read_ipopt_results(LAS_IPOPT_LOGISTIC_RESULTS);
#endif
  AdaSketchOptions options;
  options.sketch.kind = GetParam();
  for (const auto& problem : test_support::logistic_test_problems()) {
    SCOPED_TRACE(problem->name());
    const OptResult r = ada_sketch_newton(
        *problem, problem->initial_point(), Vector(static_cast<std::size_t>(problem->constraints()), 1.0), options);
    std::printf("%-20s %-10s iterations %3d  inner %7lld  f %.12g  KKT %.1e\n", problem->name().c_str(),
                to_string(r.reason).c_str(), r.iterations, r.inner_iterations, r.objective, r.kkt_residual);
    EXPECT_TRUE(r.converged()) << r.message;
    EXPECT_LE(r.kkt_residual, 1e-6);
#ifdef LAS_IPOPT_LOGISTIC_RESULTS
    const auto theirs = ipopt.find(problem->name());
    ASSERT_NE(theirs, ipopt.end()) << "no IPOPT result in " << LAS_IPOPT_LOGISTIC_RESULTS;
    std::printf("%-20s vs IPOPT: iterations %3d / %3d  f %.12g / %.12g\n", problem->name().c_str(), r.iterations,
                theirs->second.iterations, r.objective, theirs->second.objective);
    EXPECT_LE(std::abs(r.objective - theirs->second.objective) / std::abs(theirs->second.objective), 1e-6);
#endif
  }
}

INSTANTIATE_TEST_SUITE_P(Opt, LogisticSolve, ::testing::Values(SketchKind::Gaussian, SketchKind::KaczmarzUniform),
                         [](const auto& param_info) { return to_string(param_info.param); });

}  // namespace
}  // namespace las::opt
