// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/sequences/grid_fields.hpp"

#include "solvers/core/error.hpp"

namespace las::sequences {
namespace {

// Calls visit(local index, global i, j, k) over this rank's block, x fastest.
template <class Visit>
void for_each_node(const BoxGrid& grid, Visit&& visit) {
  const auto& n = grid.local_extent();
  const auto& o = grid.offset();
  long long p = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i) visit(p++, o[0] + i, o[1] + j, o[2] + k);
}

}  // namespace

DistVector field_from_indices(const BoxGrid& grid, const std::function<double(long long, long long, long long)>& f,
                              const std::string& label) {
  DistVector v(grid.comm(), grid.local_cells(), label);
  auto host = Kokkos::create_mirror_view(v.view());
  for_each_node(grid, [&](long long p, long long i, long long j, long long k) { host(p) = f(i, j, k); });
  Kokkos::deep_copy(v.view(), host);
  return v;
}

DistVector sample_on_grid(const BoxGrid& grid, const std::function<double(double, double, double)>& f,
                          const std::string& label) {
  DistVector v(grid.comm(), grid.local_cells(), label);
  auto host = Kokkos::create_mirror_view(v.view());
  const auto& g = grid.global_extent();
  const double hx = 1.0 / static_cast<double>(g[0] + 1);
  const double hy = 1.0 / static_cast<double>(g[1] + 1);
  const double hz = 1.0 / static_cast<double>(g[2] + 1);
  for_each_node(grid, [&](long long p, long long i, long long j, long long k) {
    host(p) = f((i + 1) * hx, (j + 1) * hy, grid.dim() == 3 ? (k + 1) * hz : 0.0);
  });
  Kokkos::deep_copy(v.view(), host);
  return v;
}

DistVector scatter_natural(const BoxGrid& grid, const std::vector<double>& global, const std::string& label) {
  const auto& g = grid.global_extent();
  LAS_CHECK(static_cast<long long>(global.size()) == grid.global_cells(),
            "scatter_natural: " << global.size() << " values for " << grid.global_cells() << " cells");
  DistVector v(grid.comm(), grid.local_cells(), label);
  auto host = Kokkos::create_mirror_view(v.view());
  for_each_node(grid, [&](long long p, long long i, long long j, long long k) {
    host(p) = global[static_cast<size_t>(i + g[0] * (j + g[1] * k))];
  });
  Kokkos::deep_copy(v.view(), host);
  return v;
}

}  // namespace las::sequences
