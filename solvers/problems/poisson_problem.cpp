// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/problems/poisson_problem.hpp"

#include <cmath>

namespace las {
namespace {

// Fills v(i,j,k) = scale * Π_a sin(π x_a) in one kernel: positions come from the
// global index, so the result does not depend on the decomposition.
DistVector sine_product(const BoxGrid& g, double scale) {
  DistVector v(g.comm(), g.local_cells(), "las::sine_product");
  const auto n = g.local_extent();
  const auto off = g.offset();
  const auto ge = g.global_extent();
  const int dim = g.dim();
  const auto view = v.view();
  const double pi = M_PI;
  Kokkos::parallel_for(
      "las::sine_product", Kokkos::RangePolicy<kernels::ExecSpace>(0, view.extent(0)),
      KOKKOS_LAMBDA(size_t p) {
        const long long idx[3] = {static_cast<long long>(p % size_t(n[0])),
                                  static_cast<long long>((p / size_t(n[0])) % size_t(n[1])),
                                  static_cast<long long>(p / (size_t(n[0]) * n[1]))};
        double u = scale;
        for (int a = 0; a < dim; ++a)
          u *= Kokkos::Experimental::sin(pi * static_cast<double>(off[a] + idx[a] + 1) /
                                         static_cast<double>(ge[a] + 1));
        view(p) = u;
      });
  return v;
}

}  // namespace

DistVector manufactured_solution(const BoxGrid& grid) { return sine_product(grid, 1.0); }

DistVector manufactured_rhs(const BoxGrid& grid, double kappa) {
  return sine_product(grid, grid.dim() * M_PI * M_PI * kappa);
}

DistVector constant_vector(const BoxGrid& grid, double value) {
  DistVector v(grid.comm(), grid.local_cells(), "las::constant");
  fill(v, value);
  return v;
}

}  // namespace las
