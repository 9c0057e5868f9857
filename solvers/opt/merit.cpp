// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/merit.hpp"

#include <cmath>
#include <limits>

namespace las::opt {

double merit_value(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda,
                   const Penalties& eta) {
  const double f = problem.objective(x);
  Vector c;
  problem.constraint_values(x, c);
  const Vector grad_l = lagrangian_gradient(problem, x, lambda);
  const double value = f + dot(lambda, c) + 0.5 * eta.eta1 * dot(c, c) + 0.5 * eta.eta2 * dot(grad_l, grad_l);
  return std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN();
}

Vector merit_gradient(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda,
                      const Penalties& eta, MeritHessian hessian) {
  const std::size_t n = x.size();
  Vector c;
  problem.constraint_values(x, c);
  const Vector grad_l = lagrangian_gradient(problem, x, lambda);
  Vector h_grad_l;
  if (hessian == MeritHessian::Lagrangian) {
    problem.lagrangian_hessian_apply(x, lambda, grad_l, h_grad_l);
  } else {
    problem.lagrangian_hessian_apply(x, Vector(lambda.size(), 0.0), grad_l, h_grad_l);
  }
  Vector jt_c, j_grad_l;
  problem.jacobian_transpose_apply(x, c, jt_c);
  problem.jacobian_apply(x, grad_l, j_grad_l);

  Vector gradient(n + c.size());
  for (std::size_t i = 0; i < n; ++i)
    gradient[i] = grad_l[i] + eta.eta2 * h_grad_l[i] + eta.eta1 * jt_c[i];
  for (std::size_t j = 0; j < c.size(); ++j) gradient[n + j] = c[j] + eta.eta2 * j_grad_l[j];
  return gradient;
}

}  // namespace las::opt
