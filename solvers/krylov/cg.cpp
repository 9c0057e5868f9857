// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/krylov/cg.hpp"

#include <mpi.h>

#include <cmath>

#include "kernels/blas1.hpp"

namespace las {
namespace {

bool finite(double v) { return std::isfinite(v); }

// Converged or not by the report's norms; Iterating otherwise.
SolveReason test_convergence(double rnorm, double bnorm, const CgOptions& o) {
  if (!finite(rnorm)) return SolveReason::DivergedNan;
  if (rnorm <= o.rtol * bnorm) return SolveReason::ConvergedRtol;
  if (rnorm <= o.atol) return SolveReason::ConvergedAtol;
  return SolveReason::Iterating;
}

// r = b - A x, the report's norms, its first history entry and the initial reason.
// Returns r·r.
double begin_solve(const LinearOperator& a, const DistVector& b, const DistVector& x, DistVector& r,
                   DistVector& q, const CgOptions& o, SolveReport& rep) {
  a.apply(x, q);
  kernels::axpbyz(1.0, b.view(), -1.0, q.view(), r.view());
  double rr = kernels::dot(r.view(), r.view());
  double bb = kernels::dot(b.view(), b.view());
  a.comm().sum2(rr, bb);
  rep.rhs_norm = std::sqrt(bb);
  rep.initial_residual = std::sqrt(rr);
  if (o.record_history) rep.residual_history.push_back(rep.initial_residual);
  rep.reason = finite(bb) ? test_convergence(rep.initial_residual, rep.rhs_norm, o) : SolveReason::DivergedNan;
  return rr;
}

// Stops the clock started at t0 and, when asked, recomputes ||b - A x|| (r, q scratch).
void end_solve(const LinearOperator& a, const DistVector& b, const DistVector& x, DistVector& r, DistVector& q,
               const CgOptions& o, double rr, double t0, SolveReport& rep) {
  rep.final_residual = std::sqrt(rr);
  Kokkos::fence();
  rep.solve_seconds = MPI_Wtime() - t0;
  if (o.compute_true_residual) {
    a.apply(x, q);
    kernels::axpbyz(1.0, b.view(), -1.0, q.view(), r.view());
    rep.true_residual = norm2(r);
  }
}

}  // namespace

SolveReport solve_cg(const LinearOperator& a, const DistVector& b, DistVector& x,
                     const CgOptions& o) {
  const bool jacobi = o.preconditioner == CgPreconditioner::Jacobi;
  SolveReport rep;
  rep.method = jacobi ? "jacobi-pcg" : "cg";
  const Comm& comm = a.comm();

  double t0 = MPI_Wtime();
  DistVector r = a.create_vector("las::cg_r");
  DistVector p = a.create_vector("las::cg_p");
  DistVector q = a.create_vector("las::cg_q");
  DistVector z, dinv;
  if (jacobi) {
    z = a.create_vector("las::cg_z");
    dinv = a.create_vector("las::cg_dinv");
    a.diagonal(dinv);
    kernels::reciprocal(dinv.view(), dinv.view());
  }
  Kokkos::fence();
  rep.setup_seconds = MPI_Wtime() - t0;

  t0 = MPI_Wtime();
  double rr = begin_solve(a, b, x, r, q, o, rep);
  double rz = rr;
  if (jacobi) {
    kernels::pointwise_mult(dinv.view(), r.view(), z.view());
    rz = dot(r, z);
    copy(z, p);
  } else {
    copy(r, p);
  }

  while (rep.reason == SolveReason::Iterating) {
    if (rep.iterations >= o.max_iterations) {
      rep.reason = SolveReason::DivergedMaxIterations;
      break;
    }
    const double pap = a.apply_dot(p, q);
    if (!finite(pap)) {
      rep.reason = SolveReason::DivergedNan;
      break;
    }
    if (pap <= 0) {
      rep.reason = pap < 0 ? SolveReason::DivergedIndefinite : SolveReason::DivergedBreakdown;
      break;
    }
    const double alpha = rz / pap;
    double rz_new = 0;
    if (jacobi) {
      kernels::DotPair d =
          kernels::pcg_jacobi_update(alpha, p.view(), q.view(), dinv.view(), x.view(), r.view(), z.view());
      comm.sum2(d.first, d.second);
      rz_new = d.first;
      rr = d.second;
    } else {
      rr = comm.sum(kernels::cg_update(alpha, p.view(), q.view(), x.view(), r.view()));
      rz_new = rr;
    }
    ++rep.iterations;
    const double rnorm = std::sqrt(rr);
    if (o.record_history) rep.residual_history.push_back(rnorm);
    rep.reason = test_convergence(rnorm, rep.rhs_norm, o);
    if (rep.reason != SolveReason::Iterating) break;
    if (rz_new <= 0) {  // a preconditioner that is not SPD (e.g. a negative diagonal)
      rep.reason = finite(rz_new) ? SolveReason::DivergedBreakdown : SolveReason::DivergedNan;
      break;
    }
    kernels::aypx(rz_new / rz, jacobi ? z.view() : r.view(), p.view());
    rz = rz_new;
  }
  end_solve(a, b, x, r, q, o, rr, t0, rep);
  return rep;
}

}  // namespace las

namespace las {

SolveReport solve_pcg(const LinearOperator& a, const Preconditioner& m, const DistVector& b,
                      DistVector& x, const CgOptions& o) {
  SolveReport rep;
  rep.method = "pcg:" + m.name();
  const Comm& comm = a.comm();

  double t0 = MPI_Wtime();
  DistVector r = a.create_vector("las::pcg_r");
  DistVector z = a.create_vector("las::pcg_z");
  DistVector p = a.create_vector("las::pcg_p");
  DistVector q = a.create_vector("las::pcg_q");
  rep.setup_seconds = MPI_Wtime() - t0;

  t0 = MPI_Wtime();
  double rr = begin_solve(a, b, x, r, q, o, rep);
  double rz = 0;
  if (rep.reason == SolveReason::Iterating) {
    m.apply(r, z);
    rz = dot(r, z);
    copy(z, p);
    if (!(rz > 0)) rep.reason = finite(rz) ? SolveReason::DivergedBreakdown : SolveReason::DivergedNan;
  }

  while (rep.reason == SolveReason::Iterating) {
    if (rep.iterations >= o.max_iterations) {
      rep.reason = SolveReason::DivergedMaxIterations;
      break;
    }
    const double pap = a.apply_dot(p, q);
    if (!finite(pap)) {
      rep.reason = SolveReason::DivergedNan;
      break;
    }
    if (pap <= 0) {
      rep.reason = pap < 0 ? SolveReason::DivergedIndefinite : SolveReason::DivergedBreakdown;
      break;
    }
    const double alpha = rz / pap;
    rr = comm.sum(kernels::cg_update(alpha, p.view(), q.view(), x.view(), r.view()));
    ++rep.iterations;
    const double rnorm = std::sqrt(rr);
    if (o.record_history) rep.residual_history.push_back(rnorm);
    rep.reason = test_convergence(rnorm, rep.rhs_norm, o);
    if (rep.reason != SolveReason::Iterating) break;
    m.apply(r, z);
    const double rz_new = dot(r, z);
    if (!(rz_new > 0)) {  // M not SPD, or a NaN from the preconditioner
      rep.reason = finite(rz_new) ? SolveReason::DivergedBreakdown : SolveReason::DivergedNan;
      break;
    }
    kernels::aypx(rz_new / rz, z.view(), p.view());
    rz = rz_new;
  }
  end_solve(a, b, x, r, q, o, rr, t0, rep);
  return rep;
}

}  // namespace las
