// SPDX-License-Identifier: BSD-3-Clause
// Helpers for the relaxation MPI tests: whole vectors on every rank, the dense matrix
// of a distributed operator (its columns A e_j), visiting orders in the DistVector
// numbering, and the "Learning to Relax" right-hand side.
#pragma once

#include <mpi.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/blas1.hpp"
#include "kernels/reference/relaxation_ref.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/linear_operator.hpp"

namespace las::test {

/// All entries of x, in global (DistVector) order, on every rank.
inline std::vector<double> gather(const DistVector& x) {
  const auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), x.view());
  const Comm& comm = x.comm();
  std::vector<int> counts(size_t(comm.size())), displs(size_t(comm.size()));
  const int mine = int(x.local_size());
  MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, comm.get());
  for (int r = 1; r < comm.size(); ++r) displs[size_t(r)] = displs[size_t(r) - 1] + counts[size_t(r) - 1];
  std::vector<double> all(size_t(x.global_size()));
  MPI_Allgatherv(h.data(), mine, MPI_DOUBLE, all.data(), counts.data(), displs.data(), MPI_DOUBLE,
                 comm.get());
  return all;
}

/// x's owned entries from a whole vector in global order.
inline void scatter(const std::vector<double>& all, DistVector& x) {
  auto h = Kokkos::create_mirror_view(x.view());
  for (long long i = 0; i < x.local_size(); ++i) h(i) = all[size_t(x.offset() + i)];
  Kokkos::deep_copy(x.view(), h);
}

/// The dense matrix of `a` in the DistVector numbering, column j = A e_j (collective;
/// small operators only).
inline kernels::reference::Dense dense_matrix(const LinearOperator& a) {
  const int n = int(a.global_rows());
  kernels::reference::Dense m(n);
  DistVector e = a.create_vector(), y = a.create_vector();
  std::vector<double> unit(size_t(n), 0.0);
  for (int j = 0; j < n; ++j) {
    unit[size_t(j)] = 1;
    scatter(unit, e);
    unit[size_t(j)] = 0;
    a.apply(e, y);
    const auto col = gather(y);
    for (int i = 0; i < n; ++i) m(i, j) = col[size_t(i)];
  }
  return m;
}

/// The rank owning each global entry of vectors of `a`'s layout.
inline std::vector<int> owners(const LinearOperator& a) {
  DistVector v = a.create_vector();
  kernels::fill(v.view(), double(a.comm().rank()));
  const auto all = gather(v);
  return std::vector<int>(all.begin(), all.end());
}

/// Red-black order in the DistVector numbering of `grid`: red cells (global i+j+k
/// even) in increasing index, then black ones.
inline std::vector<int> red_black_order(const BoxGrid& grid) {
  const auto& n = grid.local_extent();
  const auto& off = grid.offset();
  DistVector parity(grid.comm(), grid.local_cells());
  auto h = Kokkos::create_mirror_view(parity.view());
  for (int k = 0, p = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i, ++p) h(p) = double((off[0] + i + off[1] + j + off[2] + k) & 1);
  Kokkos::deep_copy(parity.view(), h);
  const auto all = gather(parity);
  std::vector<int> order;
  for (int color = 0; color < 2; ++color)
    for (size_t p = 0; p < all.size(); ++p)
      if (int(all[p]) == color) order.push_back(int(p));
  return order;
}

/// "Learning to Relax"'s right-hand side: a standard Gaussian in R^n, resampled until
/// ||b|| <= sqrt(n) (utils/truncated_normal.m), seeded.
inline std::vector<double> truncated_normal(size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  std::vector<double> b(n);
  while (true) {
    double s = 0;
    for (auto& v : b) v = g(rng), s += v * v;
    if (std::sqrt(s) <= std::sqrt(double(n))) return b;
  }
}

}  // namespace las::test
