// SPDX-License-Identifier: BSD-3-Clause
// BoxGrid decomposition and face halo exchange on uneven decompositions: every
// received ghost value is checked against the global function that filled the grid.
#include <gtest/gtest.h>

#include <array>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/halo_exchange.hpp"

namespace las {
namespace {

// A value that identifies the global cell.
double tag(long long i, long long j, long long k) { return 1 + i + 1000.0 * j + 1e6 * k; }

DistVector tagged(const BoxGrid& g) {
  DistVector v(g.comm(), g.local_cells());
  auto h = Kokkos::create_mirror_view(v.view());
  const auto n = g.local_extent();
  const auto o = g.offset();
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i)
        h(size_t(i) + size_t(n[0]) * (j + size_t(n[1]) * k)) = tag(o[0] + i, o[1] + j, o[2] + k);
  Kokkos::deep_copy(v.view(), h);
  return v;
}

class GridShapes : public ::testing::TestWithParam<std::array<long long, 4>> {};

TEST_P(GridShapes, BlocksTileTheGridAndHalosCarryNeighbourValues) {
  const auto s = GetParam();
  const int dim = int(s[0]);
  Comm comm;
  BoxGrid g(comm, dim, {s[1], s[2], s[3]});
  EXPECT_EQ(comm.sum(g.local_cells()), g.global_cells());
  for (int a = 0; a < 3; ++a) {
    int count;
    long long first;
    BoxGrid::block_range(g.global_extent()[a], g.proc_dims()[a], g.proc_coords()[a], count, first);
    EXPECT_EQ(count, g.local_extent()[a]);
    EXPECT_EQ(first, g.offset()[a]);
  }

  HaloExchange halo(g);
  halo.exchange(tagged(g));
  const auto& f = halo.faces();
  const auto n = g.local_extent();
  const auto o = g.offset();
  const kernels::ConstVector faces[3][2] = {{f.west, f.east}, {f.south, f.north}, {f.down, f.up}};
  for (int axis = 0; axis < dim; ++axis)
    for (int side = 0; side < 2; ++side) {
      auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), faces[axis][side]);
      const bool physical = g.neighbor(axis, side) == MPI_PROC_NULL;
      const int na = axis == 0 ? n[1] : n[0], nc = axis == 2 ? n[1] : n[2];
      for (int c = 0; c < nc; ++c)
        for (int a = 0; a < na; ++a) {
          long long gi[3] = {o[0], o[1], o[2]};
          const long long across = side == 0 ? o[axis] - 1 : o[axis] + n[axis];
          if (axis == 0) gi[0] = across, gi[1] += a, gi[2] += c;
          if (axis == 1) gi[0] += a, gi[1] = across, gi[2] += c;
          if (axis == 2) gi[0] += a, gi[1] += c, gi[2] = across;
          const double expect = physical ? 0.0 : tag(gi[0], gi[1], gi[2]);
          ASSERT_EQ(h(size_t(a) + size_t(na) * c), expect) << "axis " << axis << " side " << side;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Uneven, GridShapes,
                         ::testing::Values(std::array<long long, 4>{2, 7, 5, 1},
                                           std::array<long long, 4>{2, 3, 11, 1},
                                           std::array<long long, 4>{3, 5, 4, 3},
                                           std::array<long long, 4>{3, 2, 3, 7}));

TEST(BoxGrid, RejectsBadSizes) {
  Comm comm;
  EXPECT_THROW(BoxGrid(comm, 2, {0, 4, 1}), ConfigError);
  EXPECT_THROW(BoxGrid(comm, 3, {4, -2, 4}), ConfigError);
  EXPECT_THROW(BoxGrid(comm, 4, {4, 4, 4}), ConfigError);
  if (comm.size() > 1) {
    try {
      BoxGrid(comm, 2, {1, 1, 1}, {comm.size(), 1, 1});
      ADD_FAILURE() << "1 cell over several ranks accepted";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("cannot be split"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace las
