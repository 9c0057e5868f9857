// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/distributed/grid_kkt_vector.hpp"

#include <cmath>

#include "kernels/blas1.hpp"

namespace las::opt {

GridKktVector make_grid_kkt_vector(const BoxGrid& grid, const std::string& label) {
  const Comm& comm = grid.comm();
  return {DistVector(comm, grid.local_cells(), label + "_w"), DistVector(comm, grid.local_cells(), label + "_z"),
          DistVector(comm, grid.local_cells(), label + "_lambda")};
}

GridKktVector clone(const GridKktVector& v) { return {v.w.clone(), v.z.clone(), v.lambda.clone()}; }

double dot(const GridKktVector& x, const GridKktVector& y) {
  const double local = kernels::dot(x.w.view(), y.w.view()) + kernels::dot(x.z.view(), y.z.view()) +
                       kernels::dot(x.lambda.view(), y.lambda.view());
  return x.w.comm().sum(local);
}

double norm2(const GridKktVector& x) { return std::sqrt(dot(x, x)); }

bool has_nonfinite(const GridKktVector& x) {
  const size_t local = kernels::count_nonfinite(x.w.view()) + kernels::count_nonfinite(x.z.view()) +
                       kernels::count_nonfinite(x.lambda.view());
  return x.w.comm().any(local > 0);
}

void axpy(double a, const GridKktVector& x, GridKktVector& y) {
  kernels::axpy(a, x.w.view(), y.w.view());
  kernels::axpy(a, x.z.view(), y.z.view());
  kernels::axpy(a, x.lambda.view(), y.lambda.view());
}

void copy(const GridKktVector& x, GridKktVector& y) {
  kernels::copy(x.w.view(), y.w.view());
  kernels::copy(x.z.view(), y.z.view());
  kernels::copy(x.lambda.view(), y.lambda.view());
}

void fill(GridKktVector& x, double value) {
  kernels::fill(x.w.view(), value);
  kernels::fill(x.z.view(), value);
  kernels::fill(x.lambda.view(), value);
}

void add_scaled(const GridKktVector& x, double a, const GridKktVector& d, GridKktVector& y) {
  kernels::axpbyz(1.0, x.w.view(), a, d.w.view(), y.w.view());
  kernels::axpbyz(1.0, x.z.view(), a, d.z.view(), y.z.view());
  kernels::axpbyz(1.0, x.lambda.view(), a, d.lambda.view(), y.lambda.view());
}

std::vector<double> gather_natural(const BoxGrid& grid, const DistVector& v) {
  const auto& g = grid.global_extent();
  const auto& n = grid.local_extent();
  const auto& off = grid.offset();
  // Each rank scatters its block into a zero global array; the sum is every block.
  std::vector<double> all(static_cast<size_t>(grid.global_cells()), 0.0);
  const auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i)
        all[static_cast<size_t>((off[0] + i) + g[0] * ((off[1] + j) + g[1] * (off[2] + k)))] =
            host(static_cast<size_t>(i) + static_cast<size_t>(n[0]) * (static_cast<size_t>(j) + static_cast<size_t>(n[1]) * k));
  grid.comm().sum_in_place(all);
  return all;
}

}  // namespace las::opt
