// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/ot_solve.hpp"

#include <mpi.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/ot/coarse_correction.hpp"
#include "solvers/ot/dual_state.hpp"
#include "solvers/ot/sparse_newton.hpp"

namespace las::ot {
namespace {

void check_options(const OtOptions& o) {
  LAS_CHECK(o.eta > 0 && std::isfinite(o.eta), "eta = " << o.eta << " must be positive");
  LAS_CHECK(o.tol >= 0, "tol = " << o.tol << " must be >= 0");
  LAS_CHECK(o.max_iterations >= 0, "max_iterations = " << o.max_iterations << " must be >= 0");
  LAS_CHECK(o.density >= 0 && o.density <= 1, "density = " << o.density << " must be in [0, 1]");
  LAS_CHECK(o.stall_ratio > 0 && o.stall_ratio <= 1,
            "stall_ratio = " << o.stall_ratio << " must be in (0, 1]");
  LAS_CHECK(o.progress_seconds >= 0,
            "progress_seconds = " << o.progress_seconds << " must be >= 0");
  LAS_CHECK(o.cg_forcing >= 0, "cg_forcing = " << o.cg_forcing << " must be >= 0");
}

// Keeps the marginal-error history with times and the step that produced each entry, and
// prints a progress line on rank 0: every entry at verbosity 2, at most every
// progress_seconds at verbosity 1. Without it a slow solve (hours at n = 10^4) shows
// nothing until the end, and a stalled one can only be seen from outside.
class Recorder {
 public:
  Recorder(const Comm& comm, OtResult& result, const OtOptions& o)
      : comm_(comm), r_(result), o_(o), t0_(MPI_Wtime()), last_print_(t0_) {}
  void record(double error, OtStep step) {
    if (o_.record_history) {
      r_.report.residual_history.push_back(error);
      r_.history_seconds.push_back(MPI_Wtime() - t0_);
      r_.history_steps.push_back(static_cast<char>(step));
    }
    progress(error);
  }
  double elapsed() const { return MPI_Wtime() - t0_; }

 private:
  void progress(double error) {
    const double now = MPI_Wtime();
    if (log::verbosity() < 2 && (log::verbosity() < 1 || now - last_print_ < o_.progress_seconds))
      return;
    last_print_ = now;
    std::ostringstream line;
    line << r_.report.method << ": iteration "
         << r_.sinkhorn_iterations + r_.newton_iterations + r_.coarse_steps;
    if (r_.report.method == "sns")
      line << " (" << r_.sinkhorn_iterations << " Sinkhorn, " << r_.newton_iterations << " Newton, "
           << r_.coarse_steps << " coarse; " << r_.kept_entries << " kept)";
    line << "  marginal error " << std::setprecision(3) << std::scientific << error << "  "
         << log::duration_text(now - t0_);
    log::print(comm_, 1, line.str());
  }

  const Comm& comm_;
  OtResult& r_;
  const OtOptions& o_;
  double t0_, last_print_;
};

// The stopping test shared by both solvers; Iterating while neither holds.
SolveReason stop_reason(double error, int iterations, const OtOptions& o) {
  if (!std::isfinite(error)) return SolveReason::DivergedNan;
  if (error <= o.tol) return SolveReason::ConvergedAtol;
  if (iterations >= o.max_iterations) return SolveReason::DivergedMaxIterations;
  return SolveReason::Iterating;
}

// Fills the result from the final potentials: a fresh pass for the marginal error (the
// Sinkhorn bookkeeping treats the columns as exact), the costs, the potentials.
void finish(const DualState& s, double initial_error, const Recorder& rec, OtResult& r) {
  const PlanSums sums = s.evaluate(false);
  r.report.iterations = r.sinkhorn_iterations + r.newton_iterations + r.coarse_steps;
  r.report.initial_residual = initial_error;
  r.report.final_residual = sums.error();
  r.row_error = sums.row_error;
  r.col_error = sums.col_error;
  r.dual_value = sums.dual;
  s.costs(r.transport_cost, r.entropic_cost);
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.x());
  auto hy = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), s.y());
  r.x.assign(hx.data(), hx.data() + hx.extent(0));
  r.y.assign(hy.data(), hy.data() + hy.extent(0));
  r.report.solve_seconds = rec.elapsed();
}

// x + a dx, y + a dy into (xt, yt).
void trial_point(const DualState& s, const NewtonDirection& d, double a, const kernels::Vector& xt,
                 const kernels::Vector& yt) {
  kernels::axpbyz(1.0, s.x(), a, d.dx, xt);
  kernels::axpbyz(1.0, s.y(), a, d.dy, yt);
}

}  // namespace

OtResult solve_sinkhorn(const OtProblem& problem, const OtOptions& o) {
  check_options(o);
  OtResult r;
  r.report.method = "sinkhorn";
  Recorder rec(problem.comm(), r, o);
  DualState s(problem, o.eta);
  double initial = 0;
  for (;;) {
    const double err = s.sinkhorn_measure();
    if (r.sinkhorn_iterations == 0) initial = err;
    rec.record(err, r.sinkhorn_iterations == 0 ? OtStep::Start : OtStep::Sinkhorn);
    r.report.reason = stop_reason(err, r.sinkhorn_iterations, o);
    if (r.report.reason != SolveReason::Iterating) break;
    s.sinkhorn_update();
    ++r.sinkhorn_iterations;
  }
  finish(s, initial, rec, r);
  return r;
}

OtResult solve_sns(const OtProblem& problem, const OtOptions& o) {
  check_options(o);
  OtResult r;
  r.report.method = "sns";
  Recorder rec(problem.comm(), r, o);
  DualState s(problem, o.eta);
  auto iterations = [&] { return r.sinkhorn_iterations + r.newton_iterations + r.coarse_steps; };
  const double n = double(problem.cols());
  double density = o.density > 0 ? o.density : std::min(1.0, 2.0 / n);
  // By default λ may grow until the kept entries reach 6·10^7 (about 720 MB of CSR over
  // all ranks) or 64 n, whichever is more: plans that are not sparse at this eta (small
  // costs, moderate eta) need most of P for Newton to beat Sinkhorn. The n = 10^4 clouds
  // at ε = 0.01 need 60 % of P: under a 10^7 cap (10 %) Newton stalled into Sinkhorn
  // fallbacks for over 28 minutes where 6·10^7 converges in 25 iterations, 35 s at 2
  // ranks. The cap is on the total, not per rank, so every rank count runs the same
  // iteration.
  const double default_max = std::max(64.0 / n, 6e7 / (double(problem.rows()) * n));
  const double max_density =
      std::max(density, o.max_density > 0 ? o.max_density : std::min(1.0, default_max));

  // Warm start: Sinkhorn until its error is small, it stalls (the slow linear phase
  // Newton is for), or N₁ steps.
  double initial = 0, previous = std::numeric_limits<double>::infinity();
  for (int warm = 0;; ++warm) {
    const double err = s.sinkhorn_measure();
    if (warm == 0) initial = err;
    rec.record(err, warm == 0 ? OtStep::Start : OtStep::Sinkhorn);
    r.report.reason = stop_reason(err, iterations(), o);
    if (r.report.reason != SolveReason::Iterating) {
      finish(s, initial, rec, r);
      return r;
    }
    const bool small = err <= o.switch_error * problem.mass();
    const bool stalled = err > o.switch_rate * previous;
    if (warm >= o.max_warmup || (warm >= o.min_warmup && (small || stalled))) break;
    previous = err;
    s.sinkhorn_update();
    ++r.sinkhorn_iterations;
  }

  CgOptions cg;
  cg.rtol = o.cg_rtol;
  cg.max_iterations = o.cg_max_iterations;
  cg.record_history = false;
  cg.compute_true_residual = false;
  kernels::Vector xt("las::ot_trial_x", s.x().extent(0)), yt("las::ot_trial_y", s.y().extent(0));
  const double eps = std::numeric_limits<double>::epsilon();
  PlanSums sums = s.evaluate(true);
  NewtonWorkspace workspace;  // P_s's arrays, refilled by every Newton step
  for (;;) {
    r.report.reason = stop_reason(sums.error(), iterations(), o);
    if (r.report.reason != SolveReason::Iterating) break;
    // The Newton step's error is O(CG residual + error²): a CG residual of the order of
    // the error keeps the convergence quadratic, and far from the optimum costs less.
    if (o.cg_forcing > 0)
      cg.rtol = std::min(1e-2, std::max(o.cg_rtol, o.cg_forcing * sums.error() / problem.mass()));
    const NewtonDirection d = newton_direction(s, sums, density, cg, workspace);
    r.cg_iterations += d.cg.iterations;
    r.kept_entries = d.kept;
    // f is a sum of m·n exponentials: changes below this are rounding, and near the
    // optimum the increase slope/2 ~ error² drops below it. There a step is accepted when
    // it does not lose more than rounding and it reduces the marginal error.
    const double noise = 16.0 * eps * double(problem.rows() + problem.cols()) *
                         (std::abs(sums.dual) + sums.total / o.eta);
    bool accepted = false;
    PlanSums trial;
    if (d.slope > 0 && std::isfinite(d.slope)) {
      // Far from the optimum, rows with P1 << r make M nearly singular and the step
      // huge; exp(eta (x + y - C)) then overflows for every step the halvings reach.
      // Start instead from the step that changes no exponent eta (x_i + y_j) by more
      // than 2 max_exponent_step.
      const double longest =
          std::max(problem.comm().max(kernels::max_abs(d.dx)), kernels::max_abs(d.dy));
      double a = std::min(1.0, o.max_exponent_step / (o.eta * longest));
      for (int k = 0; k <= o.max_line_search && !accepted; ++k, a *= 0.5) {
        trial_point(s, d, a, xt, yt);
        trial = s.evaluate(xt, yt, true);
        if (!std::isfinite(trial.dual) || !std::isfinite(trial.error())) continue;
        accepted = trial.dual >= sums.dual + o.armijo * a * d.slope ||
                   (trial.dual >= sums.dual - noise && trial.error() < sums.error());
      }
    }
    if (accepted) {
      const double ratio = trial.error() / sums.error();
      const bool stalled = density >= max_density && ratio > o.stall_ratio;
      // A step that does not at least quarter the error says the kept entries miss mass
      // the Newton model needs (λn² below the plan's effective support): keep twice as
      // many from the next step on, up to max_density.
      if (ratio > o.density_growth_ratio) density = std::min(max_density, 2.0 * density);
      s.accept(xt, yt, trial);
      sums = std::move(trial);
      ++r.newton_iterations;
      rec.record(sums.error(), OtStep::Newton);
      if (!stalled) continue;
    }
    // The sparsified Newton step did not ascend, or crawls at the largest density. When
    // P_s falls apart into components, the slow mode is their mass balance, which neither
    // P_s nor Sinkhorn moves: a coarse step solves for it; otherwise Sinkhorn steps.
    ++r.newton_failures;
    if (o.coarse_correction && iterations() < o.max_iterations) {
      const PlanGroups groups = kept_components(s, workspace);
      r.coarse_groups = groups.count;
      CoarseStep coarse = coarse_correction(s, groups, o.max_exponent_step);
      if (coarse.taken) {
        sums = std::move(coarse.sums);
        ++r.coarse_steps;
        rec.record(sums.error(), OtStep::Coarse);
        continue;
      }
    }
    for (int k = 0; k < o.fallback_steps && iterations() < o.max_iterations; ++k) {
      if (k > 0) {
        const double err = s.sinkhorn_measure();
        if (stop_reason(err, iterations(), o) != SolveReason::Iterating) break;
        rec.record(err, OtStep::Sinkhorn);
      }
      s.sinkhorn_update();
      ++r.sinkhorn_iterations;
    }
    sums = s.evaluate(true);
    rec.record(sums.error(), OtStep::Sinkhorn);
  }
  r.final_density = density;
  finish(s, initial, rec, r);
  return r;
}

}  // namespace las::ot
