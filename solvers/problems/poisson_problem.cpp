// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/problems/poisson_problem.hpp"

#include <cmath>

namespace las {
namespace {

// g(t) = t (1 - t) e^t vanishes at 0 and 1; -g''(t) = t (3 + t) e^t. The product is
// not an eigenvector of the discrete Laplacian (a sine product would be: CG would then
// converge in one iteration), and the 5-point stencil is not exact on it (a pure
// polynomial would be): the discrete error shows the true h^2 rate.
KOKKOS_INLINE_FUNCTION double g(double t) { return t * (1 - t) * Kokkos::Experimental::exp(t); }
KOKKOS_INLINE_FUNCTION double minus_g2(double t) { return t * (3 + t) * Kokkos::Experimental::exp(t); }

// Fills v = u (want_rhs false) or v = -kappa Laplacian(u) (true) at the nodes, from the
// global index, so the result does not depend on the decomposition.
DistVector manufactured(const BoxGrid& grid, double kappa, bool want_rhs) {
  DistVector v(grid.comm(), grid.local_cells(), want_rhs ? "las::rhs" : "las::exact");
  const auto n = grid.local_extent();
  const auto off = grid.offset();
  const auto ge = grid.global_extent();
  const int dim = grid.dim();
  const auto view = v.view();
  Kokkos::parallel_for(
      "las::manufactured", Kokkos::RangePolicy<kernels::ExecSpace>(0, view.extent(0)),
      KOKKOS_LAMBDA(size_t p) {
        const long long idx[3] = {static_cast<long long>(p % size_t(n[0])),
                                  static_cast<long long>((p / size_t(n[0])) % size_t(n[1])),
                                  static_cast<long long>(p / (size_t(n[0]) * n[1]))};
        double x[3];
        for (int a = 0; a < dim; ++a)
          x[a] = static_cast<double>(off[a] + idx[a] + 1) / static_cast<double>(ge[a] + 1);
        if (!want_rhs) {
          double u = 1;
          for (int a = 0; a < dim; ++a) u *= g(x[a]);
          view(p) = u;
          return;
        }
        double f = 0;
        for (int a = 0; a < dim; ++a) {
          double term = minus_g2(x[a]);
          for (int b = 0; b < dim; ++b)
            if (b != a) term *= g(x[b]);
          f += term;
        }
        view(p) = kappa * f;
      });
  return v;
}

}  // namespace

DistVector manufactured_solution(const BoxGrid& grid) { return manufactured(grid, 1.0, false); }

DistVector manufactured_rhs(const BoxGrid& grid, double kappa) { return manufactured(grid, kappa, true); }

DistVector constant_vector(const BoxGrid& grid, double value) {
  DistVector v(grid.comm(), grid.local_cells(), "las::constant");
  fill(v, value);
  return v;
}

}  // namespace las
