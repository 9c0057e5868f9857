// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/omega_solve.hpp"

#include "solvers/krylov/cg.hpp"
#include "solvers/relaxation/sor.hpp"
#include "solvers/relaxation/ssor_preconditioner.hpp"

namespace las::bandit_sor {

Outcome solve_with_omega(const sequences::Instance& inst, double omega, const SolveSettings& s, DistVector& x) {
  copy(inst.x0, x);
  SolveReport rep;
  if (s.method == Method::Sor) {
    SorOptions o;
    o.omega = omega;
    o.rtol = s.rtol;
    o.max_iterations = s.max_iterations;
    o.ordering = s.ordering;
    o.record_history = false;
    rep = solve_sor(*inst.a, inst.b, x, o);
  } else {
    CgOptions o;
    o.rtol = s.rtol;
    o.max_iterations = s.max_iterations;
    o.record_history = false;
    o.compute_true_residual = false;
    const SsorPreconditioner ssor(*inst.a, omega, s.ordering);
    rep = solve_pcg(*inst.a, ssor, inst.b, x, o);
  }
  Outcome out;
  out.converged = rep.converged();
  out.iterations = out.converged ? rep.iterations : s.max_iterations;
  out.seconds = inst.a->comm().max(rep.solve_seconds);
  return out;
}

std::string to_string(Method method) { return method == Method::Sor ? "sor" : "ssor-pcg"; }

}  // namespace las::bandit_sor
