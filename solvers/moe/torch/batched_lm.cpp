// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/torch/batched_lm.hpp"

#include <Kokkos_Core.hpp>
#include <Kokkos_MathematicalFunctions.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "kernels/batched_cholesky.hpp"
#include "solvers/core/error.hpp"

namespace las::moe {

namespace kk = las::kernels;
using Exec = kk::ExecSpace;

kk::PointResidualModel point_residual_model(const PointResidual& residual) {
  kk::PointResidualModel m;
  switch (residual.kind) {
    case PointResidualKind::DiffusionSorption: m.type = kk::PointResidualType::DiffusionSorption; break;
    case PointResidualKind::NavierStokesVorticity: m.type = kk::PointResidualType::NavierStokesVorticity; break;
  }
  m.weight = residual.pde_weight;
  m.diffusion = residual.diffusion;
  m.retardation_scale = (1 - residual.porosity) / residual.porosity * residual.bulk_density *
                        residual.freundlich_k * residual.freundlich_n;
  m.freundlich_n = residual.freundlich_n;
  m.viscosity = residual.viscosity;
  return m;
}

int feature_count(PointResidualKind kind) {
  PointResidual r;
  r.kind = kind;
  return kk::point_feature_count(point_residual_model(r).type);
}

namespace detail {

/// Relative resolution of the computed cost ½‖r‖²: summation round-off over thousands of
/// rows stays well below it.
constexpr double kCostResolution = 1e-13;

/// Per-problem state of the batched iteration (device views).
struct LmState {
  kk::BatchVectors omega, trial, step;
  kk::NormalEquations current, candidate;  // at omega and at trial
  kk::BatchMatrices factor;                // (JᵀJ + ridge² I + μ I), then its Cholesky factor
  kk::BatchScalars damping, growth, predicted;
  kk::BatchFlags active, status, iterations, solve_failed;
  LmState(size_t problems, int n)
      : omega("las::lm_omega", problems, n),
        trial("las::lm_trial", problems, n),
        step("las::lm_step", problems, n),
        current(problems, n),
        candidate(problems, n),
        factor("las::lm_factor", problems, n, n),
        damping("las::lm_damping", problems),
        growth("las::lm_growth", problems),
        predicted("las::lm_predicted", problems),
        active("las::lm_active", problems),
        status("las::lm_status", problems),
        iterations("las::lm_iterations", problems),
        solve_failed("las::lm_solve_failed", problems) {}
};

/// μ₀ from the Gauss–Newton matrix at ω₀; a problem whose start is not finite fails here.
void start(const LmState& s, double initial_damping) {
  const auto cost = s.current.cost;
  const auto gradient = s.current.gradient;
  const auto matrix = s.current.matrix;
  const auto damping = s.damping, growth = s.growth;
  const auto active = s.active, status = s.status;
  const int n = static_cast<int>(matrix.extent(1));
  Kokkos::parallel_for(
      "las::lm_start", Kokkos::RangePolicy<Exec>(0, cost.extent(0)), KOKKOS_LAMBDA(const size_t b) {
        bool finite = Kokkos::Experimental::isfinite(cost(b));
        double max_diag = 0;
        for (int i = 0; i < n; ++i) {
          finite = finite && Kokkos::Experimental::isfinite(gradient(b, i)) &&
                   Kokkos::Experimental::isfinite(matrix(b, i, i));
          max_diag = matrix(b, i, i) > max_diag ? matrix(b, i, i) : max_diag;
        }
        damping(b) = initial_damping * max_diag;
        growth(b) = 2;
        if (!finite) {
          status(b) = static_cast<int>(LmStatus::NotFinite);
          active(b) = 0;
        }
      });
}

/// h = −(JᵀJ + ridge² I + μ I)⁻¹ g, the trial point ω + h and the predicted reduction
/// ½ hᵀ(μ h − g) of the quadratic model.
void damped_step(const LmState& s) {
  const auto matrix = s.current.matrix;
  const auto gradient = s.current.gradient;
  const auto factor = s.factor;
  const auto omega = s.omega, trial = s.trial, step = s.step;
  const auto damping = s.damping, predicted = s.predicted;
  const auto active = s.active, solve_failed = s.solve_failed;
  const int n = static_cast<int>(matrix.extent(1));
  Kokkos::parallel_for(
      "las::lm_damped_step", Kokkos::RangePolicy<Exec>(0, matrix.extent(0)), KOKKOS_LAMBDA(const size_t b) {
        if (!active(b)) return;
        const auto l = Kokkos::subview(factor, b, Kokkos::ALL, Kokkos::ALL);
        const auto h = Kokkos::subview(step, b, Kokkos::ALL);
        for (int i = 0; i < n; ++i) {
          for (int j = 0; j <= i; ++j) l(i, j) = matrix(b, i, j);
          l(i, i) += damping(b);
          h(i) = -gradient(b, i);
        }
        bool ok = kk::cholesky_factor_in_place(l, n);
        if (ok) kk::cholesky_solve_in_place(l, h, n);
        double model = 0;
        for (int i = 0; i < n; ++i) {
          ok = ok && Kokkos::Experimental::isfinite(h(i));
          model += h(i) * (damping(b) * h(i) - gradient(b, i));
        }
        solve_failed(b) = ok ? 0 : 1;
        predicted(b) = 0.5 * model;
        for (int i = 0; i < n; ++i) trial(b, i) = omega(b, i) + (ok ? h(i) : 0.0);
      });
}

/// The ratio test, the damping update, acceptance and the stopping tests of every running
/// problem.
void update(const LmState& s, double tol, int max_iterations) {
  const auto cur_cost = s.current.cost, cand_cost = s.candidate.cost;
  const auto cur_grad = s.current.gradient, cand_grad = s.candidate.gradient;
  const auto cur_matrix = s.current.matrix, cand_matrix = s.candidate.matrix;
  const auto omega = s.omega, trial = s.trial, step = s.step;
  const auto damping = s.damping, growth = s.growth, predicted = s.predicted;
  const auto active = s.active, status = s.status, iterations = s.iterations, solve_failed = s.solve_failed;
  const int n = static_cast<int>(omega.extent(1));
  const double cost_resolution = kCostResolution;  // a plain value for device lambdas
  Kokkos::parallel_for(
      "las::lm_update", Kokkos::RangePolicy<Exec>(0, omega.extent(0)), KOKKOS_LAMBDA(const size_t b) {
        if (!active(b)) return;
        iterations(b) += 1;
        const double actual = cur_cost(b) - cand_cost(b);
        bool finite = !solve_failed(b) && Kokkos::Experimental::isfinite(cand_cost(b));
        bool small_step = true;
        for (int i = 0; i < n; ++i) {
          finite = finite && Kokkos::Experimental::isfinite(cand_grad(b, i));
          small_step = small_step &&
                       Kokkos::Experimental::fabs(step(b, i)) <= tol + tol * Kokkos::Experimental::fabs(trial(b, i));
        }
        const bool negligible =
            finite && small_step && Kokkos::Experimental::fabs(actual) <= tol + tol * Kokkos::Experimental::fabs(cand_cost(b));
        // Where the model's predicted reduction is below what the cost can resolve, the
        // ratio is round-off noise: a step whose cost change is noise as well is accepted
        // (the model is exact for such steps), otherwise LM would stall short of the
        // optimum by ~√ε, rejecting good steps until μ makes them vanish.
        const double resolution = cost_resolution * Kokkos::Experimental::fabs(cur_cost(b));
        const bool below_resolution = predicted(b) <= resolution && actual >= -resolution;
        if (finite && predicted(b) > 0 && (actual > 0 || below_resolution)) {
          const double rho = actual > 0 ? actual / predicted(b) : 1.0;
          const double t = 2 * rho - 1;
          const double factor = 1 - t * t * t;
          damping(b) *= factor > 1.0 / 3 ? factor : 1.0 / 3;
          growth(b) = 2;
          cur_cost(b) = cand_cost(b);
          for (int i = 0; i < n; ++i) {
            omega(b, i) = trial(b, i);
            cur_grad(b, i) = cand_grad(b, i);
            for (int j = 0; j < n; ++j) cur_matrix(b, i, j) = cand_matrix(b, i, j);
          }
        } else {
          damping(b) *= growth(b);
          growth(b) *= 2;
        }
        if (negligible)
          status(b) = static_cast<int>(LmStatus::Converged);
        else if (!Kokkos::Experimental::isfinite(damping(b)))
          status(b) = static_cast<int>(LmStatus::DampingOverflow);
        else if (iterations(b) >= max_iterations)
          status(b) = static_cast<int>(LmStatus::MaxIterations);
        if (status(b) != static_cast<int>(LmStatus::Running)) active(b) = 0;
      });
}

long long count_active(const kk::BatchFlags& active) {
  long long running = 0;
  Kokkos::parallel_reduce(
      "las::lm_count_active", Kokkos::RangePolicy<Exec>(0, active.extent(0)),
      KOKKOS_LAMBDA(const size_t b, long long& acc) { acc += active(b); }, running);
  return running;
}

std::string failure_message(size_t problem, LmStatus status, int iterations, int max_iterations,
                            double gradient_norm) {
  char buffer[200];
  switch (status) {
    case LmStatus::MaxIterations:
      std::snprintf(buffer, sizeof buffer, "problem %zu: max_iterations (%d) reached, ‖g‖∞ = %.3e", problem,
                    max_iterations, gradient_norm);
      break;
    case LmStatus::NotFinite:
      std::snprintf(buffer, sizeof buffer,
                    "problem %zu: NaN or Inf in the residual rows at ω₀ (non-finite features, rows or targets?)",
                    problem);
      break;
    case LmStatus::DampingOverflow:
      std::snprintf(buffer, sizeof buffer,
                    "problem %zu: damping overflowed after %d steps (no finite trial point lowered the cost)",
                    problem, iterations);
      break;
    default: std::snprintf(buffer, sizeof buffer, "problem %zu: not converged", problem);
  }
  return buffer;
}

}  // namespace detail

BatchedLmResult batched_levenberg_marquardt(const kk::LeastSquaresBatch& ls, const LmOptions& options) {
  const size_t problems = ls.problems();
  const int n = ls.coefficients();
  LAS_CHECK(n >= 1 && n <= kk::kMaxCoefficients,
            "batched LM: " << n << " coefficients per problem; 1 to " << kk::kMaxCoefficients << " supported");
  LAS_CHECK(options.tolerance > 0, "batched LM: tolerance = " << options.tolerance << ", must be > 0");
  LAS_CHECK(options.max_iterations >= 1, "batched LM: max_iterations = " << options.max_iterations << ", must be >= 1");
  LAS_CHECK(options.initial_damping > 0, "batched LM: initial_damping = " << options.initial_damping << ", must be > 0");

  detail::LmState s(problems, n);
  Kokkos::deep_copy(s.omega, options.initial_coefficient);
  Kokkos::deep_copy(s.active, 1);
  const kk::BatchPartials partials = kk::make_least_squares_partials(ls);
  kk::accumulate_normal_equations(ls, s.omega, s.active, kk::CurvatureTerm::GaussNewton, partials, s.current);
  detail::start(s, options.initial_damping);

  while (detail::count_active(s.active) > 0) {
    detail::damped_step(s);
    kk::accumulate_normal_equations(ls, s.trial, s.active, kk::CurvatureTerm::GaussNewton, partials, s.candidate);
    detail::update(s, options.tolerance, options.max_iterations);
  }

  BatchedLmResult result;
  result.omega = s.omega;
  const auto status = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.status);
  const auto iterations = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.iterations);
  const auto gradient = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.current.gradient);
  LmSummary& summary = result.summary;
  summary.problems = static_cast<long long>(problems);
  for (size_t b = 0; b < problems; ++b) {
    // A NaN gradient must show in the summary (std::max would silently drop it).
    double norm = 0;
    bool nan = false;
    for (int i = 0; i < n; ++i) {
      nan = nan || std::isnan(gradient(b, i));
      norm = std::max(norm, std::abs(gradient(b, i)));
    }
    if (nan) norm = std::numeric_limits<double>::quiet_NaN();
    result.status.push_back(static_cast<LmStatus>(status(b)));
    result.iterations.push_back(iterations(b));
    result.gradient_norm.push_back(norm);
    summary.max_iterations_used = std::max(summary.max_iterations_used, iterations(b));
    if (!std::isnan(summary.max_gradient_norm))
      summary.max_gradient_norm = nan ? norm : std::max(summary.max_gradient_norm, norm);
    if (result.status.back() == LmStatus::Converged) continue;
    if (summary.failed++ == 0)
      summary.first_failure =
          detail::failure_message(b, result.status.back(), iterations(b), options.max_iterations, norm);
  }
  return result;
}

}  // namespace las::moe
