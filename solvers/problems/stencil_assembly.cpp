// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/problems/stencil_assembly.hpp"

#include <array>
#include <vector>

namespace las {
namespace {

// Maps a global cell to its global row: the owner rank from the block ranges, then the
// owner's vector offset plus the cell's index inside the owner's block.
class GlobalNumbering {
 public:
  explicit GlobalNumbering(const BoxGrid& g) : g_(g) {
    const Comm& comm = g.comm();
    const long long mine = comm.exclusive_prefix_sum(g.local_cells());
    row_offset_.resize(comm.size());
    MPI_Allgather(&mine, 1, MPI_LONG_LONG, row_offset_.data(), 1, MPI_LONG_LONG, comm.get());
  }
  long long row(long long i, long long j, long long k) const {
    const long long idx[3] = {i, j, k};
    int coords[3], count[3];
    long long first[3];
    for (int a = 0; a < 3; ++a) {
      // Owner coordinate: invert the block distribution (first n%p blocks are larger).
      const long long n = g_.global_extent()[a];
      const int p = g_.proc_dims()[a];
      const long long base = n / p, extra = n % p;
      const long long split = extra * (base + 1);
      coords[a] = static_cast<int>(idx[a] < split ? idx[a] / (base + 1) : extra + (idx[a] - split) / base);
      BoxGrid::block_range(n, p, coords[a], count[a], first[a]);
    }
    const int rcoords[3] = {coords[2], coords[1], coords[0]};
    int rank = 0;
    MPI_Cart_rank(g_.comm().get(), rcoords, &rank);
    return row_offset_[rank] + (idx[0] - first[0]) +
           count[0] * ((idx[1] - first[1]) + static_cast<long long>(count[1]) * (idx[2] - first[2]));
  }

 private:
  const BoxGrid& g_;
  std::vector<long long> row_offset_;
};

std::vector<double> to_host(const kernels::ConstVector& v) {
  std::vector<double> out(v.extent(0));
  if (v.extent(0) == 0) return out;
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  for (size_t i = 0; i < out.size(); ++i) out[i] = h(i);
  return out;
}

}  // namespace

CsrRows assemble_stencil(const StencilOperator& op) {
  const BoxGrid& g = op.grid();
  const GlobalNumbering number(g);
  const auto& c = op.coefficients();
  const auto n = g.local_extent();
  const auto off = g.offset();
  const auto ge = g.global_extent();
  const std::vector<double> fx = to_host(c.fx), fy = to_host(c.fy), fz = to_host(c.fz);

  // Coefficient of the low face of local cell (i,j,k) along axis a.
  auto face = [&](int a, int i, int j, int k) -> double {
    if (!c.variable) return a == 0 ? c.cx : a == 1 ? c.cy : c.cz;
    if (a == 0) return fx[size_t(i) + size_t(n[0] + 1) * (size_t(j) + size_t(n[1]) * k)];
    if (a == 1) return fy[size_t(i) + size_t(n[0]) * (size_t(j) + size_t(n[1] + 1) * k)];
    return fz[size_t(i) + size_t(n[0]) * (size_t(j) + size_t(n[1]) * k)];
  };

  CsrRows rows;
  rows.global_rows = rows.global_cols = g.global_cells();
  rows.row_offset = g.comm().exclusive_prefix_sum(g.local_cells());
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i) {
        const long long gi = off[0] + i, gj = off[1] + j, gk = off[2] + k;
        double diag = c.shift;
        std::vector<std::pair<long long, double>> entries;
        for (int a = 0; a < g.dim(); ++a) {
          const std::array<int, 3> hi_cell = {i + (a == 0), j + (a == 1), k + (a == 2)};
          const double lo_face = face(a, i, j, k);
          const double hi_face = face(a, hi_cell[0], hi_cell[1], hi_cell[2]);
          diag += lo_face + hi_face;
          std::array<long long, 3> lo = {gi, gj, gk}, hi = {gi, gj, gk};
          lo[a] -= 1;
          hi[a] += 1;
          if (lo[a] >= 0) entries.emplace_back(number.row(lo[0], lo[1], lo[2]), -lo_face);
          if (hi[a] < ge[a]) entries.emplace_back(number.row(hi[0], hi[1], hi[2]), -hi_face);
        }
        entries.emplace_back(number.row(gi, gj, gk), diag);
        std::sort(entries.begin(), entries.end());
        for (const auto& [col, v] : entries) {
          rows.cols.push_back(col);
          rows.values.push_back(v);
        }
        rows.row_ptr.push_back(rows.cols.size());
      }
  return rows;
}

}  // namespace las
