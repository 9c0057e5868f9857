// SPDX-License-Identifier: BSD-3-Clause
// Sacado's derivatives of every problem in the set (and of constrained logistic
// regression) against central finite differences of
// the same templated functions evaluated in plain double (an independent truth: no AD),
// and the merit gradient against finite differences of the merit value.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "solvers/learning/rng.hpp"
#include "solvers/opt/merit.hpp"
#include "solvers/opt/problem_set.hpp"
#include "tests/unit/opt/logistic_test_problems.hpp"

namespace las::opt {
namespace {

Vector random_vector(learning::Rng& rng, int n, double scale) {
  Vector v(static_cast<std::size_t>(n));
  for (double& e : v) e = scale * (2.0 * rng.uniform() - 1.0);
  return v;
}

Vector shifted(const Vector& x, double h, const Vector& direction) {
  Vector y = x;
  axpy(h, direction, y);
  return y;
}

double lagrangian(const ConstrainedProblem& p, const Vector& x, const Vector& lambda) {
  Vector c;
  p.constraint_values(x, c);
  return p.objective(x) + dot(lambda, c);
}

// |a - b| <= tol (1 + |b|) entrywise, with the worst violation in the message.
void expect_close(const Vector& a, const Vector& b, double tol, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_NEAR(a[i], b[i], tol * (1.0 + std::abs(b[i]))) << what << " entry " << i;
}

// A point near the start (the start itself can hide terms: HS28's x3 = 1, HS56's sin²).
Vector test_point(const ConstrainedProblem& p, learning::Rng& rng) {
  Vector x = p.initial_point();
  axpy(1.0, random_vector(rng, p.variables(), 0.3), x);
  return x;
}

// Gradient, J v, Jᵀw and (∇²ₓL) v of `problem` at a point near its start against
// central finite differences of its values.
void expect_derivatives_match_finite_differences(const ConstrainedProblem& problem, learning::Rng& rng) {
  const double h = 1e-6, h2 = 1e-4;
  const int n = problem.variables(), m = problem.constraints();
  const Vector x = test_point(problem, rng);
  const Vector v = random_vector(rng, n, 1.0), w = random_vector(rng, m, 1.0),
               lambda = random_vector(rng, m, 2.0);

  Vector grad, jv, jtw, hv;
  problem.objective_gradient(x, grad);
  problem.jacobian_apply(x, v, jv);
  problem.jacobian_transpose_apply(x, w, jtw);
  problem.lagrangian_hessian_apply(x, lambda, v, hv);

  Vector grad_fd(static_cast<std::size_t>(n)), jtw_fd(static_cast<std::size_t>(n)),
      hv_fd(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    Vector e(static_cast<std::size_t>(n), 0.0);
    e[static_cast<std::size_t>(i)] = 1.0;
    grad_fd[static_cast<std::size_t>(i)] =
        (problem.objective(shifted(x, h, e)) - problem.objective(shifted(x, -h, e))) / (2 * h);
    Vector cp, cm;
    problem.constraint_values(shifted(x, h, e), cp);
    problem.constraint_values(shifted(x, -h, e), cm);
    jtw_fd[static_cast<std::size_t>(i)] = (dot(w, cp) - dot(w, cm)) / (2 * h);
    // (∇²L v)ᵢ = ∂²L/∂eᵢ∂v: the four-point mixed difference of L's values.
    auto l_at = [&](double si, double sv) {
      return lagrangian(problem, shifted(shifted(x, si * h2, e), sv * h2, v), lambda);
    };
    hv_fd[static_cast<std::size_t>(i)] =
        (l_at(1, 1) - l_at(1, -1) - l_at(-1, 1) + l_at(-1, -1)) / (4 * h2 * h2);
  }
  Vector cp, cm;
  problem.constraint_values(shifted(x, h, v), cp);
  problem.constraint_values(shifted(x, -h, v), cm);
  Vector jv_fd(static_cast<std::size_t>(m));
  for (int j = 0; j < m; ++j)
    jv_fd[static_cast<std::size_t>(j)] = (cp[static_cast<std::size_t>(j)] - cm[static_cast<std::size_t>(j)]) / (2 * h);

  expect_close(grad, grad_fd, 1e-6, "gradient");
  expect_close(jv, jv_fd, 1e-6, "J v");
  expect_close(jtw, jtw_fd, 1e-6, "J^T w");
  expect_close(hv, hv_fd, 1e-4, "Hessian-of-Lagrangian product");
}

TEST(OptDerivatives, SacadoMatchesFiniteDifferencesOnEveryProblem) {
  learning::Rng rng(7);
  for (const auto& entry : equality_problem_set()) {
    SCOPED_TRACE(entry.name);
    expect_derivatives_match_finite_differences(*entry.make(), rng);
  }
}

TEST(OptDerivatives, SacadoMatchesFiniteDifferencesOnLogisticRegression) {
  learning::Rng rng(8);
  for (const auto& problem : test_support::logistic_test_problems()) {
    SCOPED_TRACE(problem->name());
    expect_derivatives_match_finite_differences(*problem, rng);
  }
}

TEST(OptDerivatives, ClosedFormOnHs6) {
  // f = (1 - x0)², c = 10 (x1 - x0²): ∇f = (-2(1 - x0), 0), J = (-20 x0, 10),
  // ∇²L = [[2 - 20 λ, 0], [0, 0]].
  const auto problem = find_problem("HS6").make();
  const Vector x{0.3, -0.7}, lambda{0.25};
  Vector grad, jv, hv;
  problem->objective_gradient(x, grad);
  problem->jacobian_apply(x, {1.0, 2.0}, jv);
  problem->lagrangian_hessian_apply(x, lambda, {1.0, 2.0}, hv);
  EXPECT_DOUBLE_EQ(grad[0], -1.4);
  EXPECT_DOUBLE_EQ(grad[1], 0.0);
  EXPECT_DOUBLE_EQ(jv[0], -6.0 + 20.0);
  EXPECT_DOUBLE_EQ(hv[0], 2.0 - 5.0);
  EXPECT_DOUBLE_EQ(hv[1], 0.0);
}

TEST(OptDerivatives, MeritGradientNeedsTheLagrangianHessian) {
  // HS7 has a nonlinear constraint: with λ ≠ 0 the true merit gradient uses ∇²ₓL, and the
  // authors' ∇²f variant (reference notes §2.1) is measurably wrong.
  const auto problem = find_problem("HS7").make();
  const Vector x{0.7, 1.3}, lambda{0.8};
  const Penalties eta{2.0, 0.3};
  const Vector exact = merit_gradient(*problem, x, lambda, eta, MeritHessian::Lagrangian);
  const Vector authors = merit_gradient(*problem, x, lambda, eta, MeritHessian::Objective);
  const double h = 1e-6;
  Vector fd(3);
  for (int i = 0; i < 3; ++i) {
    Vector xp = x, xm = x, lp = lambda, lm = lambda;
    if (i < 2) {
      xp[static_cast<std::size_t>(i)] += h;
      xm[static_cast<std::size_t>(i)] -= h;
    } else {
      lp[0] += h;
      lm[0] -= h;
    }
    fd[static_cast<std::size_t>(i)] =
        (merit_value(*problem, xp, lp, eta) - merit_value(*problem, xm, lm, eta)) / (2 * h);
  }
  expect_close(exact, fd, 1e-6, "merit gradient with the Lagrangian Hessian");
  double worst = 0.0;
  for (int i = 0; i < 3; ++i)
    worst = std::max(worst, std::abs(authors[static_cast<std::size_t>(i)] - fd[static_cast<std::size_t>(i)]));
  EXPECT_GT(worst, 1e-2) << "the objective-Hessian variant should differ for a nonlinear constraint";
}

}  // namespace
}  // namespace las::opt
