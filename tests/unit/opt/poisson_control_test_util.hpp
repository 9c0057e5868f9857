// SPDX-License-Identifier: BSD-3-Clause
// Shared by the PDE-constrained problem's tests: moving between the distributed
// GridKktVector and the serial problem's stacked natural-order vectors (w, z, λ), and the
// exact QP solution from a dense LU solve of the assembled KKT system (the independent
// truth the sketching Newton runs are checked against).
#pragma once

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "solvers/opt/distributed/grid_kkt_vector.hpp"
#include "solvers/opt/poisson_control_problem.hpp"
#include "solvers/sequences/grid_fields.hpp"

namespace las::opt::test {

/// (w, z, λ) stacked in natural order, from a distributed vector (every rank gets all).
inline Vector gather_stacked(const BoxGrid& grid, const GridKktVector& v) {
  Vector all;
  for (const DistVector* block : {&v.w, &v.z, &v.lambda}) {
    const std::vector<double> part = gather_natural(grid, *block);
    all.insert(all.end(), part.begin(), part.end());
  }
  return all;
}

/// The distributed vector of a stacked natural-order (w, z, λ).
inline GridKktVector scatter_stacked(const BoxGrid& grid, const Vector& stacked) {
  const auto cells = static_cast<std::ptrdiff_t>(grid.global_cells());
  auto part = [&](int b) { return std::vector<double>(stacked.begin() + b * cells, stacked.begin() + (b + 1) * cells); };
  return {sequences::scatter_natural(grid, part(0), "w"), sequences::scatter_natural(grid, part(1), "z"),
          sequences::scatter_natural(grid, part(2), "lambda")};
}

/// [[∇²ₓL, Jᵀ], [J, 0]] of the serial problem, assembled from its products.
inline DenseMatrix dense_kkt(const PoissonControlProblem& p) {
  const Vector x = p.initial_point(), lambda = p.initial_multipliers();
  const DenseMatrix h = lagrangian_hessian_matrix(p, x, lambda), j = jacobian_matrix(p, x);
  const int n = p.variables(), m = p.constraints();
  DenseMatrix k(n + m, n + m);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) k(r, c) = h(r, c);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < n; ++c) k(n + r, c) = k(c, n + r) = j(r, c);
  return k;
}

/// a x = b by Gaussian elimination with partial pivoting (a copy of a is consumed).
inline Vector lu_solve(DenseMatrix a, Vector b) {
  const int n = a.rows;
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r)
      if (std::abs(a(r, col)) > std::abs(a(pivot, col))) pivot = r;
    for (int c = 0; c < n; ++c) std::swap(a(col, c), a(pivot, c));
    std::swap(b[static_cast<std::size_t>(col)], b[static_cast<std::size_t>(pivot)]);
    for (int r = col + 1; r < n; ++r) {
      const double factor = a(r, col) / a(col, col);
      for (int c = col; c < n; ++c) a(r, c) -= factor * a(col, c);
      b[static_cast<std::size_t>(r)] -= factor * b[static_cast<std::size_t>(col)];
    }
  }
  Vector x(static_cast<std::size_t>(n));
  for (int r = n - 1; r >= 0; --r) {
    double sum = b[static_cast<std::size_t>(r)];
    for (int c = r + 1; c < n; ++c) sum -= a(r, c) * x[static_cast<std::size_t>(c)];
    x[static_cast<std::size_t>(r)] = sum / a(r, r);
  }
  return x;
}

/// The QP's KKT point (x*, λ*) stacked: K (x, λ) = (∇f(0) negated, 0) = ((w*, 0), 0),
/// since ∇f(x) = H x − (w*, 0) and c = J x.
inline Vector exact_solution(const PoissonControlProblem& p) {
  Vector rhs(static_cast<std::size_t>(p.variables() + p.constraints()), 0.0);
  std::copy(p.target().begin(), p.target().end(), rhs.begin());
  return lu_solve(dense_kkt(p), rhs);
}

}  // namespace las::opt::test
