// SPDX-License-Identifier: BSD-3-Clause
// The line-based stencil kernel against the cell-by-cell oracle, with random ghost
// faces standing in for neighbour ranks, in 2D and 3D, constant and variable κ.
#include <gtest/gtest.h>

#include "kernels/halo_pack.hpp"
#include "kernels/reference/stencil_ref.hpp"
#include "kernels/stencil.hpp"
#include "test_kernels_common.hpp"

namespace las {
namespace {

struct Case {
  int dim, nx, ny, nz;
  bool variable;
};

class StencilVsOracle : public ::testing::TestWithParam<Case> {};

TEST_P(StencilVsOracle, ApplyDiagonalAndDotMatch) {
  const Case c = GetParam();
  const kernels::LocalBox box{c.nx, c.ny, c.nz};
  const size_t n = box.cells();
  const auto x = test::random_vector(n, 21);
  // Ghost faces: random values, as received from neighbours.
  const auto w = test::random_vector(size_t(c.ny) * c.nz, 22),
             e = test::random_vector(size_t(c.ny) * c.nz, 23);
  const auto s = test::random_vector(size_t(c.nx) * c.nz, 24),
             nn = test::random_vector(size_t(c.nx) * c.nz, 25);
  const auto d = test::random_vector(size_t(c.nx) * c.ny, 26),
             u = test::random_vector(size_t(c.nx) * c.ny, 27);
  const auto fx = test::random_vector(size_t(c.nx + 1) * c.ny * c.nz, 28, 0.5, 3);
  const auto fy = test::random_vector(size_t(c.nx) * (c.ny + 1) * c.nz, 29, 0.5, 3);
  const auto fz = test::random_vector(size_t(c.nx) * c.ny * (c.nz + 1), 30, 0.5, 3);

  kernels::StencilCoefficients coef;
  coef.variable = c.variable;
  coef.cx = 1.5, coef.cy = 2.5, coef.cz = 0.75, coef.shift = 0.25;
  coef.fx = test::to_device(fx), coef.fy = test::to_device(fy), coef.fz = test::to_device(fz);
  kernels::GhostFaces g{test::to_device(w),  test::to_device(e), test::to_device(s),
                        test::to_device(nn), test::to_device(d), test::to_device(u)};

  kernels::reference::FaceCoefficient ref_coef{[&](int a, int i, int j, int k) {
    if (!c.variable) return a == 0 ? coef.cx : a == 1 ? coef.cy : coef.cz;
    if (a == 0) return fx[size_t(i) + size_t(c.nx + 1) * (j + size_t(c.ny) * k)];
    if (a == 1) return fy[size_t(i) + size_t(c.nx) * (j + size_t(c.ny + 1) * k)];
    return fz[size_t(i) + size_t(c.nx) * (j + size_t(c.ny) * k)];
  }};
  auto value = [&](int i, int j, int k) {
    if (i < 0) return w[size_t(j) + size_t(c.ny) * k];
    if (i >= c.nx) return e[size_t(j) + size_t(c.ny) * k];
    if (j < 0) return s[size_t(i) + size_t(c.nx) * k];
    if (j >= c.ny) return nn[size_t(i) + size_t(c.nx) * k];
    if (k < 0) return d[size_t(i) + size_t(c.nx) * j];
    if (k >= c.nz) return u[size_t(i) + size_t(c.nx) * j];
    return x[size_t(i) + size_t(c.nx) * (j + size_t(c.ny) * k)];
  };
  const auto expected =
      kernels::reference::stencil_apply(c.dim, c.nx, c.ny, c.nz, ref_coef, 0.25, value);

  kernels::Vector y("y", n);
  const double xy = c.dim == 2
                        ? kernels::stencil_apply<2>(box, coef, test::to_device(x), g, y, true)
                        : kernels::stencil_apply<3>(box, coef, test::to_device(x), g, y, true);
  const auto got = test::to_host(y);
  double oracle_dot = 0;
  for (size_t p = 0; p < n; ++p) {
    ASSERT_NEAR(got[p], expected[p], 1e-12 * (1 + std::abs(expected[p]))) << "cell " << p;
    oracle_dot += x[p] * expected[p];
  }
  EXPECT_NEAR(xy, oracle_dot, 1e-10 * (1 + std::abs(oracle_dot)));

  // The diagonal is the response to a unit vector with zero ghosts.
  kernels::Vector diag("diag", n);
  if (c.dim == 2)
    kernels::stencil_diagonal<2>(box, coef, diag);
  else
    kernels::stencil_diagonal<3>(box, coef, diag);
  const auto dh = test::to_host(diag);
  const size_t probe = n / 2;
  const auto col = kernels::reference::stencil_apply(
      c.dim, c.nx, c.ny, c.nz, ref_coef, 0.25, [&](int i, int j, int k) {
        const bool inside = i >= 0 && i < c.nx && j >= 0 && j < c.ny && k >= 0 && k < c.nz;
        return inside && size_t(i) + size_t(c.nx) * (j + size_t(c.ny) * k) == probe ? 1.0 : 0.0;
      });
  EXPECT_NEAR(dh[probe], col[probe], 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Shapes, StencilVsOracle,
                         ::testing::Values(Case{2, 7, 5, 1, false}, Case{2, 7, 5, 1, true},
                                           Case{2, 1, 4, 1, true}, Case{3, 5, 4, 3, false},
                                           Case{3, 5, 4, 3, true}, Case{3, 2, 1, 2, true},
                                           // lines longer than the dot block (512)
                                           Case{2, 1030, 3, 1, false}, Case{3, 1027, 2, 2, true},
                                           // planes past the tiling threshold: 10-row
                                           // tiles of j, the last one 3 rows
                                           Case{3, 8000, 13, 3, false},
                                           Case{3, 8000, 13, 3, true}));

// The tiled 3D line order visits every (j, k) line exactly once, tiles of whole rows of
// j in increasing k; 2D blocks and blocks whose planes fit keep the plain order.
TEST(StencilLineOrder, IsAPermutationOfTheLines) {
  // Tiles of 10 rows (last 3), 14 rows (last 2), 1 row; plain order for the last two.
  for (const kernels::LocalBox box :
       {kernels::LocalBox{8000, 13, 3}, kernels::LocalBox{6000, 100, 4},
        kernels::LocalBox{80000, 7, 5}, kernels::LocalBox{64, 64, 64},
        kernels::LocalBox{3000, 9, 1}}) {
    const kernels::impl::LineOrder order(box);
    if (box.nz > 1 && box.nx >= 6000) {
      EXPECT_LT(order.rows, box.ny) << "the case meant to be tiled is not";
    }
    std::vector<int> seen(box.lines(), 0);
    for (size_t p = 0; p < box.lines(); ++p) {
      int j = -1, k = -1;
      order.line(p, j, k);
      ASSERT_TRUE(j >= 0 && j < box.ny && k >= 0 && k < box.nz) << "p " << p;
      ++seen[size_t(j) + size_t(box.ny) * k];
      if (box.nz == 1 || order.rows >= box.ny) {
        EXPECT_EQ(size_t(j) + size_t(box.ny) * k, p);
      }
    }
    for (size_t line = 0; line < seen.size(); ++line) ASSERT_EQ(seen[line], 1) << "line " << line;
  }
}

TEST(PackFace, GathersTheBoundaryLayerInFaceLayout) {
  const kernels::LocalBox box{4, 3, 2};
  std::vector<double> x(box.cells());
  for (size_t p = 0; p < x.size(); ++p) x[p] = double(p);
  auto dx = test::to_device(x);
  for (int axis = 0; axis < 3; ++axis)
    for (int side = 0; side < 2; ++side) {
      kernels::Vector buf("buf", kernels::face_size(box, axis));
      kernels::pack_face(box, axis, side, dx, buf);
      const auto h = test::to_host(buf);
      size_t f = 0;
      // Walk the face in its layout and compare with the cell it should hold.
      const int na = axis == 0 ? box.ny : box.nx, nc = axis == 2 ? box.ny : box.nz;
      for (int cidx = 0; cidx < nc; ++cidx)
        for (int a = 0; a < na; ++a, ++f) {
          int i = a, j = cidx, k = cidx;
          const int layer = side == 0 ? 0 : (axis == 0 ? box.nx : axis == 1 ? box.ny : box.nz) - 1;
          if (axis == 0) i = layer, j = a, k = cidx;
          if (axis == 1) i = a, j = layer, k = cidx;
          if (axis == 2) i = a, j = cidx, k = layer;
          ASSERT_EQ(h[f], x[size_t(i) + size_t(box.nx) * (j + size_t(box.ny) * k)])
              << axis << side << f;
        }
    }
}

}  // namespace
}  // namespace las
