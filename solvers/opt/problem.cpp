// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/problem.hpp"

namespace las::opt {

Vector lagrangian_gradient(const ConstrainedProblem& problem, const Vector& x, const Vector& lambda) {
  Vector g, jtl;
  problem.objective_gradient(x, g);
  problem.jacobian_transpose_apply(x, lambda, jtl);
  axpy(1.0, jtl, g);
  return g;
}

DenseMatrix jacobian_matrix(const ConstrainedProblem& problem, const Vector& x) {
  const int n = problem.variables(), m = problem.constraints();
  DenseMatrix j(m, n);
  Vector e(static_cast<std::size_t>(n), 0.0), column;
  for (int k = 0; k < n; ++k) {
    e[static_cast<std::size_t>(k)] = 1.0;
    problem.jacobian_apply(x, e, column);
    for (int i = 0; i < m; ++i) j(i, k) = column[static_cast<std::size_t>(i)];
    e[static_cast<std::size_t>(k)] = 0.0;
  }
  return j;
}

DenseMatrix lagrangian_hessian_matrix(const ConstrainedProblem& problem, const Vector& x,
                                      const Vector& lambda) {
  const int n = problem.variables();
  DenseMatrix h(n, n);
  Vector e(static_cast<std::size_t>(n), 0.0), column;
  for (int k = 0; k < n; ++k) {
    e[static_cast<std::size_t>(k)] = 1.0;
    problem.lagrangian_hessian_apply(x, lambda, e, column);
    for (int i = 0; i < n; ++i) h(i, k) = column[static_cast<std::size_t>(i)];
    e[static_cast<std::size_t>(k)] = 0.0;
  }
  // Products are exact to rounding; averaging removes the rounding asymmetry that the
  // eigenvalue routines would otherwise see.
  for (int i = 0; i < n; ++i)
    for (int k = i + 1; k < n; ++k) h(i, k) = h(k, i) = 0.5 * (h(i, k) + h(k, i));
  return h;
}

}  // namespace las::opt
