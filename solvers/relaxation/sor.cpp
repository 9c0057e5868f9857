// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/relaxation/sor.hpp"

#include <mpi.h>

#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"

namespace las {

SolveReport solve_sor(const LinearOperator& a, const DistVector& b, DistVector& x,
                      const SorOptions& o) {
  check_omega(o.omega, "solve_sor");
  if (!(o.rtol > 0) || o.max_iterations < 0 || !(o.dtol > 1))
    throw ConfigError("solve_sor: need rtol > 0, max_iterations >= 0 and dtol > 1");
  SolveReport rep;
  std::ostringstream name;
  name << "sor(omega=" << o.omega << ", " << to_string(o.ordering) << ")";
  rep.method = name.str();

  double t0 = MPI_Wtime();
  const SorSweeper sweeper(a, o.ordering);
  Kokkos::fence();
  rep.setup_seconds = MPI_Wtime() - t0;

  t0 = MPI_Wtime();
  // The true ||b - A x|| after every sweep, as sor.m's r = b - A*x.
  auto residual = [&] { return sweeper.residual_norm(b, x); };
  rep.rhs_norm = norm2(b);
  const double r0 = residual();
  rep.initial_residual = r0;
  double rnorm = r0;
  if (o.record_history) rep.residual_history.push_back(r0);
  if (!std::isfinite(r0) || !std::isfinite(rep.rhs_norm))
    rep.reason = SolveReason::DivergedNan;
  else if (r0 == 0)
    rep.reason = SolveReason::ConvergedAtol;

  while (rep.reason == SolveReason::Iterating) {
    if (rep.iterations >= o.max_iterations) {
      rep.reason = SolveReason::DivergedMaxIterations;
      break;
    }
    sweeper.sweep(b, x, o.omega);
    ++rep.iterations;
    rnorm = residual();
    if (o.record_history) rep.residual_history.push_back(rnorm);
    if (!std::isfinite(rnorm) || rnorm > o.dtol * r0)
      rep.reason = SolveReason::DivergedNan;
    else if (rnorm / r0 < o.rtol)  // sor.m's test, written the same way
      rep.reason = SolveReason::ConvergedRtol;
  }
  rep.final_residual = rep.true_residual = rnorm;
  Kokkos::fence();
  rep.solve_seconds = MPI_Wtime() - t0;
  return rep;
}

}  // namespace las
