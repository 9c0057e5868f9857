// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/distributed/grid_ada_sketch.hpp"

#include <chrono>
#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/opt/ada_sketch_rules.hpp"
#include "solvers/opt/distributed/grid_sketch_solver.hpp"
#include "solvers/opt/poisson_control_spectra.hpp"

namespace las::opt {
namespace {

std::string log_line(const IterationRecord& r) {
  std::ostringstream os;
  os << "poisson_control iteration " << r.iteration << ": KKT " << r.kkt_residual << ", f " << r.objective
     << ", merit " << r.merit << ", ||c|| " << r.constraint_norm;
  if (r.iteration > 0)
    os << ", step " << r.step_length << ", inner " << r.inner_iterations << ", penalty updates "
       << r.penalty_updates;
  os << ", eta1 " << r.eta1 << ", eta2 " << r.eta2 << ", delta " << r.delta;
  return os.str();
}

}  // namespace

OptResult grid_ada_sketch_newton(const PoissonControlGrid& problem, GridKktVector& point,
                                 const AdaSketchOptions& options) {
  validate(options);
  validate_grid_sketch(options.sketch);
  const auto start = std::chrono::steady_clock::now();
  const Comm& comm = problem.comm();
  GridSketchStreams streams(options.seed);
  Penalties eta = options.penalties;
  double delta = options.delta;

  // 1-2. The spectra: constant for this QP, so computed once. B = ∇²ₓL (its curvature on
  // the tangent space is >= spectra.hessian_min > curvature_threshold: no modification).
  const PoissonControlSpectra spectra = poisson_control_spectra(problem.grid_size());
  LAS_CHECK(spectra.hessian_min >= options.curvature_threshold,
            "poisson_control: solver.curvature_threshold above the reduced curvature bound " << spectra.hessian_min);
  const StepScales scales = step_scales(spectra.kkt_norm, spectra.hessian_norm, spectra.xi_g,
                                        spectra.jacobian_norm, spectra.hessian_norm, options.xi_b);

  GridKktVector g = problem.zero_vector("las::kkt_gradient");        // ∇L
  GridKktVector rhs = problem.zero_vector("las::kkt_rhs");           // −∇L
  GridKktVector step = problem.zero_vector("las::newton_step");      // Δ
  GridKktVector merit_grad = problem.zero_vector("las::merit_gradient");
  GridKktVector trial = problem.zero_vector("las::trial_point");
  GridKktVector trial_g = problem.zero_vector("las::trial_gradient");

  OptResult result;
  IterationRecord record;
  double detail = 0;
  auto finish = [&](OptReason reason, double kkt, double objective, double constraint_norm) {
    result.reason = reason;
    result.objective = objective;
    result.kkt_residual = kkt;
    result.constraint_norm = constraint_norm;
    result.message = stop_message(reason, result.iterations, kkt, detail);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    log::info(comm, "poisson_control: " + result.message);
    return result;
  };

  for (;;) {
    problem.kkt_vector(point, g);
    const double kkt = norm2(g);
    const double objective = problem.objective(point);
    const double constraint_norm = std::sqrt(dot(g.lambda, g.lambda));
    const bool finite = std::isfinite(kkt) && std::isfinite(objective);
    record.iteration = result.iterations;
    record.objective = objective;
    record.kkt_residual = kkt;
    record.constraint_norm = constraint_norm;
    record.merit = finite ? problem.merit(point, g, eta) : NAN;
    record.eta1 = eta.eta1;
    record.eta2 = eta.eta2;
    record.delta = delta;
    result.history.push_back(record);
    log::info(comm, log_line(record));
    if (!finite) return finish(OptReason::NanEvaluation, kkt, objective, constraint_norm);
    if (kkt <= options.kkt_tolerance) return finish(OptReason::Converged, kkt, objective, constraint_norm);
    if (result.iterations >= options.max_iterations)
      return finish(OptReason::MaxIterations, kkt, objective, constraint_norm);
    if (spectra.xi_g < options.singular_threshold) {
      detail = spectra.xi_g;
      return finish(OptReason::RankDeficientJacobian, kkt, objective, constraint_norm);
    }

    // 3-4. Inexact Newton direction from Δ = 0; penalties grow until it is a descent one.
    record = IterationRecord{};
    delta = step_delta(delta, scales, eta, options);
    fill(rhs, 0.0);
    axpy(-1.0, g, rhs);
    fill(step, 0.0);
    double slope = 0;
    for (;;) {
      const double tolerance = inner_tolerance(scales, delta, kkt, options);
      const SketchResult inner = grid_sketch_solve(problem, rhs, step, tolerance, options.sketch, streams);
      record.inner_iterations += inner.iterations;
      problem.merit_gradient(g, eta, merit_grad);
      slope = dot(merit_grad, step);
      if (accept_direction(slope, kkt, eta, options)) break;
      grow_penalties(eta, delta, scales, options);
      ++record.penalty_updates;
    }
    result.inner_iterations += record.inner_iterations;
    result.penalty_updates += record.penalty_updates;

    // 5. Armijo backtracking on 𝓛_η.
    const double merit0 = problem.merit(point, g, eta);
    const ArmijoResult search = armijo_backtrack(merit0, slope, options, [&](double alpha) {
      add_scaled(point, alpha, step, trial);
      problem.kkt_vector(trial, trial_g);
      return problem.merit(trial, trial_g, eta);
    });
    if (!search.accepted) {
      detail = slope;
      return finish(search.last_trial_nan ? OptReason::NanEvaluation : OptReason::LineSearchFailure, kkt,
                    objective, constraint_norm);
    }
    add_scaled(point, search.alpha, step, point);
    record.step_length = search.alpha;
    ++result.iterations;
  }
}

}  // namespace las::opt
