// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/ada_sketch_newton.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/opt/ada_sketch_rules.hpp"
#include "solvers/opt/dense_spectra.hpp"

namespace las::opt {
namespace {

std::size_t idx(int i) { return static_cast<std::size_t>(i); }

// Everything the step needs at the current (x, λ).
struct Evaluation {
  double objective = 0;
  Vector constraints;    // c
  Vector grad_l;         // ∇ₓL
  DenseMatrix jacobian;  // J, m x n
  DenseMatrix hessian;   // ∇²ₓL, n x n
  double kkt = 0;        // ‖(∇ₓL, c)‖
  bool finite = false;
};

Evaluation evaluate(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda) {
  Evaluation e;
  e.objective = problem.objective(x);
  problem.constraint_values(x, e.constraints);
  if (!std::isfinite(e.objective) || !all_finite(e.constraints)) return e;
  e.grad_l = lagrangian_gradient(problem, x, lambda);
  e.jacobian = jacobian_matrix(problem, x);
  e.hessian = lagrangian_hessian_matrix(problem, x, lambda);
  e.finite = all_finite(e.grad_l) && all_finite(e.jacobian.values) && all_finite(e.hessian.values);
  e.kkt = std::sqrt(dot(e.grad_l, e.grad_l) + dot(e.constraints, e.constraints));
  return e;
}

// λ_min(Zᵀ H Z): the curvature of the Lagrangian on the constraints' tangent space.
double reduced_curvature(const DenseMatrix& hessian, const DenseMatrix& jacobian) {
  const DenseMatrix z = null_space_basis(jacobian);
  if (z.cols == 0) return INFINITY;  // m = n: no tangent space to be convex on
  const DenseMatrix hz = [&] {
    DenseMatrix out(hessian.rows, z.cols);
    for (int k = 0; k < z.cols; ++k) {
      Vector column(idx(z.rows));
      for (int i = 0; i < z.rows; ++i) column[idx(i)] = z(i, k);
      const Vector h_column = multiply(hessian, column);
      for (int i = 0; i < z.rows; ++i) out(i, k) = h_column[idx(i)];
    }
    return out;
  }();
  return symmetric_eigenvalues(transpose_times(z, hz)).front();
}

// [[B, Jᵀ], [J, 0]]
DenseMatrix kkt_matrix(const DenseMatrix& b, const DenseMatrix& j) {
  const int n = b.rows, m = j.rows;
  DenseMatrix k(n + m, n + m);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) k(r, c) = b(r, c);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < n; ++c) k(n + r, c) = k(c, n + r) = j(r, c);
  return k;
}

}  // namespace

std::string to_string(OptReason reason) {
  switch (reason) {
    case OptReason::Converged: return "converged";
    case OptReason::MaxIterations: return "max iterations";
    case OptReason::LineSearchFailure: return "line-search failure";
    case OptReason::NanEvaluation: return "NaN evaluation";
    case OptReason::RankDeficientJacobian: return "rank-deficient Jacobian";
  }
  return "unknown";
}

void validate(const AdaSketchOptions& o) {
  auto fail = [](const std::string& key, double value, const std::string& rule) {
    std::ostringstream os;
    os << "solver." << key << " = " << value << " (" << rule << ")";
    throw ConfigError(os.str());
  };
  if (!(o.kkt_tolerance > 0)) fail("kkt_tolerance", o.kkt_tolerance, "must be > 0");
  if (o.max_iterations < 0) fail("max_iterations", o.max_iterations, "must be >= 0");
  if (!(o.penalties.eta1 > 0)) fail("eta1", o.penalties.eta1, "must be > 0");
  if (!(o.penalties.eta2 > 0)) fail("eta2", o.penalties.eta2, "must be > 0");
  if (!(o.delta > 0)) fail("delta", o.delta, "must be > 0");
  if (!(o.delta_floor > 0)) fail("delta_floor", o.delta_floor, "must be > 0");
  if (!(o.xi_b > 0)) fail("xi_b", o.xi_b, "must be > 0");
  if (!(o.beta > 0 && o.beta < 0.5)) fail("beta", o.beta, "must be in (0, 1/2)");
  if (!(o.nu > 1)) fail("nu", o.nu, "must be > 1");
  if (!(o.theta > 0)) fail("theta", o.theta, "must be > 0");
  if (!(o.singular_threshold >= 0)) fail("singular_threshold", o.singular_threshold, "must be >= 0");
  if (o.max_backtracks < 1) fail("max_backtracks", o.max_backtracks, "must be >= 1");
  validate(o.sketch);
}

OptResult ada_sketch_newton(const ConstrainedProblem& problem, const AdaSketchOptions& options) {
  return ada_sketch_newton(problem, problem.initial_point(), Vector(idx(problem.constraints()), 0.0),
                           options);
}

OptResult ada_sketch_newton(const ConstrainedProblem& problem, Vector x, Vector lambda,
                            const AdaSketchOptions& options) {
  validate(options);
  const int n = problem.variables(), m = problem.constraints();
  LAS_CHECK(static_cast<int>(x.size()) == n && static_cast<int>(lambda.size()) == m,
            problem.name() << ": start has " << x.size() << " + " << lambda.size() << " entries, need "
                           << n << " + " << m);
  const auto start = std::chrono::steady_clock::now();
  learning::Rng rng(options.seed);
  Penalties eta = options.penalties;
  double delta = options.delta;

  OptResult result;
  IterationRecord record;
  double reason_detail = 0;
  auto finish = [&](OptReason reason, const Evaluation& e) {
    result.reason = reason;
    result.objective = e.objective;
    result.kkt_residual = e.finite ? e.kkt : NAN;
    result.constraint_norm = norm2(e.constraints);
    result.message = stop_message(reason, result.iterations, result.kkt_residual, reason_detail);
    result.x = x;
    result.lambda = lambda;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };

  for (;;) {
    const Evaluation e = evaluate(problem, x, lambda);
    record.iteration = result.iterations;
    record.objective = e.objective;
    record.kkt_residual = e.kkt;
    record.constraint_norm = e.finite ? norm2(e.constraints) : NAN;
    record.merit = e.finite ? merit_value(problem, x, lambda, eta) : NAN;
    record.eta1 = eta.eta1;
    record.eta2 = eta.eta2;
    record.delta = delta;
    result.history.push_back(record);
    if (!e.finite) return finish(OptReason::NanEvaluation, e);
    if (e.kkt <= options.kkt_tolerance) return finish(OptReason::Converged, e);
    if (result.iterations >= options.max_iterations) return finish(OptReason::MaxIterations, e);

    // 1. Singularity check.
    const double xi_g = m > 0 ? symmetric_eigenvalues(times_transpose(e.jacobian)).front() : 1.0;
    if (xi_g < options.singular_threshold) {
      reason_detail = xi_g;
      return finish(OptReason::RankDeficientJacobian, e);
    }
    // 2. Hessian modification.
    DenseMatrix b = e.hessian;
    const double hessian_norm = spectral_norm(e.hessian);
    record = IterationRecord{};
    if (reduced_curvature(e.hessian, e.jacobian) < options.curvature_threshold) {
      for (int i = 0; i < n; ++i) b(i, i) += options.xi_b + hessian_norm;
      record.hessian_modified = true;
      ++result.hessian_modifications;
    }
    // 3. The KKT system and the accuracy test's scales.
    const DenseSymmetricOperator kkt(kkt_matrix(b, e.jacobian));
    Vector rhs(idx(n + m));
    for (int i = 0; i < n; ++i) rhs[idx(i)] = -e.grad_l[idx(i)];
    for (int j = 0; j < m; ++j) rhs[idx(n + j)] = -e.constraints[idx(j)];
    const StepScales scales = step_scales(spectral_norm(kkt.matrix()), spectral_norm(b), xi_g,
                                          spectral_norm(e.jacobian), hessian_norm, options.xi_b);
    delta = step_delta(delta, scales, eta, options);

    // 3-4. Inexact Newton direction; penalties grow until it is a descent direction.
    Vector step(idx(n + m), 0.0);
    double slope = 0;
    for (;;) {
      const double tolerance = inner_tolerance(scales, delta, e.kkt, options);
      const SketchResult inner = sketch_solve(kkt, rhs, step, tolerance, options.sketch, rng);
      record.inner_iterations += inner.iterations;
      slope = dot(merit_gradient(problem, x, lambda, eta, options.merit_hessian), step);
      if (accept_direction(slope, e.kkt, eta, options)) break;
      grow_penalties(eta, delta, scales, options);
      ++record.penalty_updates;
    }
    result.inner_iterations += record.inner_iterations;
    result.penalty_updates += record.penalty_updates;

    // 5. Armijo backtracking on the merit function.
    const double merit0 = merit_value(problem, x, lambda, eta);
    Vector x_trial(x.size()), lambda_trial(lambda.size());
    const ArmijoResult search = armijo_backtrack(merit0, slope, options, [&](double alpha) {
      for (int i = 0; i < n; ++i) x_trial[idx(i)] = x[idx(i)] + alpha * step[idx(i)];
      for (int j = 0; j < m; ++j) lambda_trial[idx(j)] = lambda[idx(j)] + alpha * step[idx(n + j)];
      return merit_value(problem, x_trial, lambda_trial, eta);
    });
    if (!search.accepted) {
      reason_detail = slope;
      return finish(search.last_trial_nan ? OptReason::NanEvaluation : OptReason::LineSearchFailure, e);
    }
    x = x_trial;
    lambda = lambda_trial;
    record.step_length = search.alpha;
    ++result.iterations;
  }
}

}  // namespace las::opt
