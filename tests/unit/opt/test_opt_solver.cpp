// SPDX-License-Identifier: BSD-3-Clause
// AdaSketch-Newton's stopping reasons: converged from a far infeasible start (against the
// closed-form solution), and a clear reason, not a crash, for a rank-deficient Jacobian,
// an infeasible problem, a NaN evaluation, the iteration cap and bad options.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "solvers/core/error.hpp"
#include "solvers/opt/ada_sketch_newton.hpp"
#include "solvers/opt/hock_schittkowski.hpp"
#include "solvers/opt/problem_set.hpp"
#include "solvers/opt/sacado_problem.hpp"

namespace las::opt {
namespace {

// Two copies of the same linear constraint: J Jᵀ is singular everywhere.
struct RepeatedConstraint {
  std::string name = "repeated";
  int n = 2, m = 2;
  Vector start() const { return {0.3, 0.4}; }
  template <class T> T objective(const std::vector<T>& x) const { return x[0] * x[0] + x[1] * x[1]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + x[1] - 1.0;
    c[1] = 2.0 * x[0] + 2.0 * x[1] - 2.0;
  }
};

// x0² + x1² + 1 = 0 has no real solution.
struct Infeasible {
  std::string name = "infeasible";
  int n = 2, m = 1;
  Vector start() const { return {1.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const { return x[0] + x[1]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] * x[0] + x[1] * x[1] + 1.0;
  }
};

// log of a negative number at the start: f is NaN there.
struct NanAtStart {
  std::string name = "nan";
  int n = 2, m = 1;
  Vector start() const { return {-1.0, 1.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    using std::log;
    return log(x[0]) + x[1] * x[1];
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] - x[1];
  }
};

TEST(OptSolver, HS28FromAFarInfeasibleStart) {
  // HS28's solution is x* = (0.5, -0.5, 0.5) with f* = 0 (Hock & Schittkowski 1981).
  const auto problem = find_problem("HS28").make();
  const OptResult r = ada_sketch_newton(*problem, {100.0, -50.0, 30.0}, {0.0}, AdaSketchOptions{});
  ASSERT_TRUE(r.converged()) << r.message;
  EXPECT_LE(r.kkt_residual, 1e-6);
  EXPECT_NEAR(r.x[0], 0.5, 1e-6);
  EXPECT_NEAR(r.x[1], -0.5, 1e-6);
  EXPECT_NEAR(r.x[2], 0.5, 1e-6);
  // The log: one record per iterate, the start first, KKT residuals ending below tol.
  ASSERT_EQ(r.history.size(), static_cast<std::size_t>(r.iterations + 1));
  EXPECT_EQ(r.history.front().iteration, 0);
  EXPECT_DOUBLE_EQ(r.history.back().kkt_residual, r.kkt_residual);
  for (std::size_t k = 1; k < r.history.size(); ++k) {
    EXPECT_GT(r.history[k].step_length, 0.0);
    EXPECT_GT(r.history[k].inner_iterations, 0);
  }
}

TEST(OptSolver, HS7NeedsTheHessianModificationAtItsStart) {
  // At x0 = (2, 2), λ0 = 0: ∇²ₓL = diag(2(1 - x₀²)/(1 + x₀²)², 0) = diag(-0.24, 0) and
  // J = (4x₀(1 + x₀²), 2x₁) = (40, 4), so the curvature along J's null space (4, -40)/‖·‖
  // is -0.24 · 16/1616 < 0: the first step must use the shifted B, and the run still
  // reaches x* = (0, √3) (Hock & Schittkowski 1981).
  const auto problem = find_problem("HS7").make();
  const OptResult r = ada_sketch_newton(*problem, AdaSketchOptions{});
  ASSERT_TRUE(r.converged()) << r.message;
  ASSERT_GE(r.history.size(), 2u);
  EXPECT_TRUE(r.history[1].hessian_modified);
  EXPECT_GE(r.hessian_modifications, 1);
  EXPECT_NEAR(r.x[0], 0.0, 1e-6);
  EXPECT_NEAR(r.x[1], std::sqrt(3.0), 1e-6);
}

TEST(OptSolver, RankDeficientJacobianIsReported) {
  const SacadoProblem<RepeatedConstraint> problem;
  const OptResult r = ada_sketch_newton(problem, AdaSketchOptions{});
  EXPECT_EQ(r.reason, OptReason::RankDeficientJacobian) << r.message;
  EXPECT_EQ(r.iterations, 0);
  EXPECT_NE(r.message.find("rank-deficient Jacobian"), std::string::npos);
}

TEST(OptSolver, Hs61FromItsPublishedStartStopsOnTheSingularJacobian) {
  // At x0 = 0, J = [[3, 0, 0], [4, 0, 0]]: rank 1, so λ_min(J Jᵀ) = 0 (the authors' code
  // aborts the same way on GOTTFR and PRICE4NE).
  const SacadoProblem<hs::Hs61> problem;
  const OptResult r = ada_sketch_newton(problem, AdaSketchOptions{});
  EXPECT_EQ(r.reason, OptReason::RankDeficientJacobian) << r.message;
  EXPECT_NE(r.message.find("lambda_min(J J^T)"), std::string::npos) << r.message;
}

TEST(OptSolver, InfeasibleProblemEndsWithAReason) {
  const SacadoProblem<Infeasible> problem;
  AdaSketchOptions options;
  options.max_iterations = 200;
  const OptResult r = ada_sketch_newton(problem, options);
  EXPECT_FALSE(r.converged()) << r.message;
  EXPECT_LE(r.iterations, 200);
  EXPECT_GE(r.constraint_norm, 1.0);  // c >= 1 everywhere
  // The iterates head for x = 0, the minimiser of the infeasibility ‖c‖², where J = 2xᵀ
  // vanishes: the run stops there on the singular Jacobian, naming λ_min(J Jᵀ).
  EXPECT_EQ(r.reason, OptReason::RankDeficientJacobian) << r.message;
  EXPECT_NE(r.message.find("lambda_min(J J^T)"), std::string::npos) << r.message;
}

TEST(OptSolver, NanEvaluationIsReported) {
  const SacadoProblem<NanAtStart> problem;
  const OptResult r = ada_sketch_newton(problem, AdaSketchOptions{});
  EXPECT_EQ(r.reason, OptReason::NanEvaluation) << r.message;
  EXPECT_EQ(r.iterations, 0);
}

TEST(OptSolver, LineSearchFailureIsReported) {
  // HS6 (a Rosenbrock valley) from (-1.2, 1): the full first Newton step does not
  // decrease the merit function enough, and one trial is all the line search may take.
  const auto problem = find_problem("HS6").make();
  AdaSketchOptions options;
  options.max_backtracks = 1;
  const OptResult r = ada_sketch_newton(*problem, options);
  EXPECT_EQ(r.reason, OptReason::LineSearchFailure) << r.message;
  EXPECT_NE(r.message.find("line-search failure"), std::string::npos) << r.message;
}

TEST(OptSolver, IterationCapIsReported) {
  const auto problem = find_problem("HS7").make();
  AdaSketchOptions options;
  options.max_iterations = 1;
  const OptResult r = ada_sketch_newton(*problem, options);
  EXPECT_EQ(r.reason, OptReason::MaxIterations) << r.message;
  EXPECT_EQ(r.iterations, 1);
}

TEST(OptSolver, BadOptionsNameTheKey) {
  const auto problem = find_problem("HS6").make();
  AdaSketchOptions options;
  options.beta = 0.7;
  try {
    ada_sketch_newton(*problem, options);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("solver.beta = 0.7"), std::string::npos) << e.what();
  }
  EXPECT_THROW(find_problem("HS999"), ConfigError);
}

}  // namespace
}  // namespace las::opt
