// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/krylov/detail/conjugate_directions.hpp"

#include <mpi.h>

#include <cmath>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"
#include "solvers/krylov/detail/direction_buffer.hpp"
#include "solvers/krylov/detail/domain_projector.hpp"

namespace las::detail {
namespace {

bool finite(double v) { return std::isfinite(v); }

SolveReason test_convergence(double rnorm, double bnorm, const DirectionSolverOptions& o) {
  if (!finite(rnorm)) return SolveReason::DivergedNan;
  if (rnorm <= o.rtol * bnorm) return SolveReason::ConvergedRtol;
  if (rnorm <= o.atol) return SolveReason::ConvergedAtol;
  return SolveReason::Iterating;
}

// Counts iterations since ||r|| last reached a new minimum. The energy norm of the
// error falls monotonically but ||r|| need not, so "no new best for a whole window" is
// the stall signal, not "one step up".
class StagnationWatch {
 public:
  StagnationWatch(double r0, int window, double decrease)
      : best_(r0), window_(window), factor_(1.0 - decrease) {}
  bool stalled(double rnorm, int iteration) {
    if (rnorm < factor_ * best_) {
      best_ = rnorm;
      best_iteration_ = iteration;
      return false;
    }
    return window_ > 0 && iteration - best_iteration_ >= window_;
  }

 private:
  double best_;
  int best_iteration_ = 0;
  int window_;
  double factor_;
};

}  // namespace

SolveReport solve_conjugate_directions(const LinearOperator& a, const Preconditioner& map,
                                       const DistVector& b, DistVector& x,
                                       const DirectionSolverOptions& o,
                                       const DirectionRule& rule) {
  LAS_CHECK(o.refresh_every >= 0, "refresh_every must be >= 0, got " << o.refresh_every);
  LAS_CHECK(o.stagnation_window >= 0,
            "stagnation_window must be >= 0, got " << o.stagnation_window);
  LAS_CHECK(o.stagnation_decrease >= 0 && o.stagnation_decrease < 1,
            "stagnation_decrease must be in [0, 1), got " << o.stagnation_decrease);
  SolveReport rep;
  rep.method = rule.method;
  const Comm& comm = a.comm();

  double t0 = MPI_Wtime();
  const DomainProjector domain(a, o.domain);
  DistVector bp = a.create_vector("las::cd_b");
  domain.project_rhs(b, bp);
  DistVector r = a.create_vector("las::cd_r");
  DistVector q = a.create_vector("las::cd_q");
  DistVector aq = a.create_vector("las::cd_aq");
  DistVector input = rule.normalize_input ? a.create_vector("las::cd_input") : r;
  DirectionBuffer kept(a, rule.kept);
  Kokkos::fence();
  rep.setup_seconds = MPI_Wtime() - t0;

  t0 = MPI_Wtime();
  // r = Π(b - A x), with x first moved into the domain (outside cells and the constant
  // would otherwise stay in x untouched by every later update).
  auto residual = [&]() {
    a.apply(x, aq);
    kernels::axpbyz(1.0, bp.view(), -1.0, aq.view(), r.view());
    if (domain.active()) domain.project(r);
  };
  if (domain.active()) domain.project(x);
  residual();
  double rr = kernels::dot(r.view(), r.view());
  double bb = kernels::dot(bp.view(), bp.view());
  comm.sum2(rr, bb);
  rep.rhs_norm = std::sqrt(bb);
  rep.initial_residual = std::sqrt(rr);
  if (o.record_history) rep.residual_history.push_back(rep.initial_residual);
  rep.reason = finite(bb) ? test_convergence(rep.initial_residual, rep.rhs_norm, o)
                          : SolveReason::DivergedNan;
  StagnationWatch stagnation(rep.initial_residual, o.stagnation_window, o.stagnation_decrease);
  double rnorm = rep.initial_residual;

  while (rep.reason == SolveReason::Iterating) {
    if (rep.iterations >= o.max_iterations) {
      rep.reason = SolveReason::DivergedMaxIterations;
      break;
    }
    if (rule.normalize_input) {
      // r / ||r||: a network with biases is not scale-equivariant; the line search
      // below makes the scale of its output irrelevant.
      kernels::axpbyz(1.0 / rnorm, r.view(), 0.0, r.view(), input.view());
    }
    map.apply(input, q);
    if (domain.active()) domain.project(q);
    if (kept.size() > 0) {
      const double before = norm2(q);
      if (rule.modified_gram_schmidt)
        kept.orthogonalize_modified(q);
      else
        kept.orthogonalize_classical(q);
      // Cancellation: the map's output lay (almost) in the kept span. What is left is
      // rounding, and a line search along it is a step in a random direction.
      if (norm2(q) <= o.orthogonalization_breakdown * before) {
        rep.reason = SolveReason::DivergedBreakdown;
        break;
      }
    }

    const double pap = a.apply_dot(q, aq);
    if (!finite(pap)) {
      rep.reason = SolveReason::DivergedNan;
      break;
    }
    if (pap <= 0) {  // < 0: A not SPD on the domain; == 0: q vanished (in the kept span)
      rep.reason = pap < 0 ? SolveReason::DivergedIndefinite : SolveReason::DivergedBreakdown;
      break;
    }
    // Π A q: the operator of the domain's system. qᵀΠAq = qᵀAq since q = Πq.
    if (domain.active()) domain.project(aq);
    const double alpha = dot(q, r) / pap;
    if (!finite(alpha)) {
      rep.reason = SolveReason::DivergedNan;
      break;
    }
    if (o.monitor) o.monitor(DirectionStep{rep.iterations, q, aq, pap, alpha});
    rr = comm.sum(kernels::cg_update(alpha, q.view(), aq.view(), x.view(), r.view()));
    ++rep.iterations;
    // Kept before the refresh below reuses aq as scratch (push hands back spare storage).
    kept.push(q, aq, pap);
    if (o.refresh_every > 0 && rep.iterations % o.refresh_every == 0) {
      // The recurrence drifts from b - A x by rounding in every update; a periodic
      // true residual keeps the stopping test honest.
      residual();
      rr = dot(r, r);
    }
    rnorm = std::sqrt(rr);
    if (o.record_history) rep.residual_history.push_back(rnorm);
    rep.reason = test_convergence(rnorm, rep.rhs_norm, o);
    if (rep.reason != SolveReason::Iterating) break;
    if (stagnation.stalled(rnorm, rep.iterations)) {
      rep.reason = SolveReason::DivergedStagnation;
      break;
    }
  }
  rep.final_residual = rnorm;
  Kokkos::fence();
  rep.solve_seconds = MPI_Wtime() - t0;

  if (o.compute_true_residual) {
    residual();
    rep.true_residual = norm2(r);
  }
  return rep;
}

}  // namespace las::detail
