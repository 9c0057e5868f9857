// SPDX-License-Identifier: BSD-3-Clause
// Entropic OT solvers: log-domain Sinkhorn and Sinkhorn-Newton-Sparse (Tang et al.,
// ICLR 2024). Both stop on the marginal error ‖P1 - r‖₁ + ‖Pᵀ1 - c‖₁ <= tol.
#pragma once

#include <string>
#include <vector>

#include "solvers/core/solve_report.hpp"
#include "solvers/ot/ot_problem.hpp"

namespace las::ot {

struct OtOptions {
  double eta = 1200;             ///< inverse temperature (POT's reg = 1/eta)
  double tol = 1e-9;             ///< marginal error ‖P1 - r‖₁ + ‖Pᵀ1 - c‖₁ to stop at
  int max_iterations = 100000;   ///< Sinkhorn + Newton (+ coarse) iterations
  bool record_history = true;    ///< marginal error and time of every iteration
  double progress_seconds = 10;  ///< a progress line at most this often at verbosity 1 (every
                                 ///< iteration at verbosity 2)

  // SNS only.
  int max_warmup = 20;                 ///< N₁: most Sinkhorn steps before the first Newton step
  int min_warmup = 3;                  ///< fewest Sinkhorn steps before an adaptive switch
  double switch_error = 1e-2;          ///< switch once the error is below this times the mass...
  double switch_rate = 0.9;            ///< ...or once Sinkhorn's error ratio per step exceeds this
  double density = 0;                  ///< λ: kept fraction of P in the Hessian; 0 means 2/n
  double max_density = 0;              ///< λ doubles up to this while Newton is slow... (0: the
                                       ///< larger of 64/n and 6·10^7 kept entries, at most 1)
  double density_growth_ratio = 0.25;  ///< ...i.e. a step leaves more than this error ratio
  int fallback_steps = 5;              ///< Sinkhorn steps after a Newton step that does not ascend
  /// ...or that ascends but leaves more than this fraction of the error while λ is at
  /// max_density: steps capped by max_exponent_step can ascend forever without
  /// converging (narrow densities), and Sinkhorn steps then make the progress.
  double stall_ratio = 0.9;
  /// Where a Newton step fails or stalls and P_s's graph has 2 to kernels::kOtMaxGroups
  /// components, first try the coarse step that balances their masses exactly
  /// (solvers/ot/coarse_correction.hpp) before falling back to Sinkhorn.
  bool coarse_correction = true;
  double cg_rtol = 1e-10;  ///< CG tolerance on the Newton system (the tightest)
  /// Inexact Newton: CG stops at the relative residual min(1e-2, max(cg_rtol, cg_forcing ·
  /// marginal error / mass)), tight only where the quadratic phase needs it. 0: always
  /// cg_rtol. 0.1 halves the CG iterations of the point-cloud decks at the same Newton
  /// iteration counts (README, Performance).
  double cg_forcing = 0.1;
  int cg_max_iterations = 2000;
  int max_line_search = 30;       ///< halvings of the Newton step before it counts as failed
  double armijo = 1e-4;           ///< sufficient-increase constant of the line search
  double max_exponent_step = 20;  ///< the line search starts at a step moving no potential
                                  ///< by more than this / eta (damped Newton far away)
};

/// Step kinds in the history.
enum class OtStep : char { Start = 's', Sinkhorn = 'k', Newton = 'n', Coarse = 'c' };

struct OtResult {
  /// method "sinkhorn" or "sns"; iterations = Sinkhorn + Newton + coarse; residual_history = the
  /// marginal error after each iteration (entry 0: the start); final_residual is the error
  /// of the returned potentials recomputed from a fresh pass.
  SolveReport report;
  int sinkhorn_iterations = 0;
  int newton_iterations = 0;
  int newton_failures = 0;      ///< Newton steps rejected or stalled (fell back to Sinkhorn)
  int coarse_steps = 0;         ///< coarse steps taken (after a failed or stalled Newton step)
  int coarse_groups = 0;        ///< components of P_s at the last coarse attempt
  long long cg_iterations = 0;  ///< over all Newton steps
  long long kept_entries = 0;   ///< plan entries kept in the last Newton Hessian
  double final_density = 0;     ///< λ at the end (it grows while Newton converges slowly)
  std::vector<double> history_seconds;  ///< time of each residual_history entry
  std::vector<char> history_steps;      ///< OtStep of each entry
  double transport_cost = 0;            ///< ⟨C, P⟩
  double entropic_cost = 0;             ///< ⟨C, P⟩ + (1/eta) Σ P log P
  double dual_value = 0;                ///< f(x, y)
  double row_error = 0;                 ///< ‖P1 - r‖₁ of the returned potentials
  double col_error = 0;   ///< ‖Pᵀ1 - c‖₁ (row_error + col_error = final_residual)
  std::vector<double> x;  ///< row potentials on this rank's rows
  std::vector<double> y;  ///< column potentials (all columns)
};

/// Log-domain Sinkhorn from x = y = 0. Collective over problem.comm().
OtResult solve_sinkhorn(const OtProblem& problem, const OtOptions& options);

/// Sinkhorn-Newton-Sparse: a Sinkhorn warm start that hands over to Newton adaptively
/// (error below switch_error, Sinkhorn stalling, or max_warmup steps), then sparsified
/// Newton steps with a backtracking line search on f; Sinkhorn steps whenever a Newton
/// step fails to ascend. Collective over problem.comm().
OtResult solve_sns(const OtProblem& problem, const OtOptions& options);

}  // namespace las::ot
