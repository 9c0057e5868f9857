// SPDX-License-Identifier: BSD-3-Clause
// SOR sweeps against the dense serial oracle: the block's matrix is assembled column
// by column from the stencil oracle (reference/stencil_ref.hpp) and the ghost faces
// move to the right-hand side; red-black and multicolour sweeps must equal the
// oracle's lexicographic sweep on the red-black / colour-permuted matrix.
#include <gtest/gtest.h>

#include <algorithm>

#include "kernels/reference/relaxation_ref.hpp"
#include "kernels/reference/stencil_ref.hpp"
#include "kernels/relaxation.hpp"
#include "test_kernels_common.hpp"

namespace las {
namespace {

namespace ref = kernels::reference;

struct Case {
  int dim, nx, ny, nz;
  bool variable;
  int origin_parity;  // parity of the block's global origin
};

/// A block with random coefficients, ghosts, b and x, and its dense oracle.
struct StencilFixture {
  Case c;
  kernels::LocalBox box;
  kernels::StencilCoefficients coef;
  kernels::GhostFaces ghosts;
  std::vector<double> fx, fy, fz, b, x0, b_eff;
  std::vector<std::vector<double>> faces;
  ref::Dense a;

  explicit StencilFixture(const Case& cs) : c(cs), box{cs.nx, cs.ny, cs.nz} {
    const size_t n = box.cells();
    fx = test::random_vector(size_t(c.nx + 1) * c.ny * c.nz, 28, 0.5, 3);
    fy = test::random_vector(size_t(c.nx) * (c.ny + 1) * c.nz, 29, 0.5, 3);
    fz = test::random_vector(size_t(c.nx) * c.ny * (c.nz + 1), 30, 0.5, 3);
    coef.variable = c.variable;
    coef.cx = 1.5, coef.cy = 2.5, coef.cz = 0.75, coef.shift = 0.25;
    coef.fx = test::to_device(fx), coef.fy = test::to_device(fy), coef.fz = test::to_device(fz);
    const size_t fsize[6] = {size_t(c.ny) * c.nz, size_t(c.ny) * c.nz, size_t(c.nx) * c.nz,
                             size_t(c.nx) * c.nz, size_t(c.nx) * c.ny, size_t(c.nx) * c.ny};
    for (int f = 0; f < 6; ++f) faces.push_back(test::random_vector(fsize[f], 40 + unsigned(f)));
    ghosts = {test::to_device(faces[0]), test::to_device(faces[1]), test::to_device(faces[2]),
              test::to_device(faces[3]), test::to_device(faces[4]), test::to_device(faces[5])};
    b = test::random_vector(n, 50);
    x0 = test::random_vector(n, 51);

    // Column p of A is A e_p with zero ghosts; the ghosts' contribution is A applied to
    // (0 inside, ghosts outside), which moves to the right-hand side.
    a = ref::Dense(int(n));
    for (size_t p = 0; p < n; ++p) {
      const auto col = apply([&](size_t q) { return q == p ? 1.0 : 0.0; }, false);
      for (size_t i = 0; i < n; ++i) a(int(i), int(p)) = col[i];
    }
    const auto from_ghosts = apply([](size_t) { return 0.0; }, true);
    b_eff = b;
    for (size_t i = 0; i < n; ++i) b_eff[i] -= from_ghosts[i];
  }

  template <class Inside>
  std::vector<double> apply(const Inside& inside, bool with_ghosts) const {
    ref::FaceCoefficient rc{[&](int ax, int i, int j, int k) {
      if (!c.variable) return ax == 0 ? coef.cx : ax == 1 ? coef.cy : coef.cz;
      if (ax == 0) return fx[size_t(i) + size_t(c.nx + 1) * (j + size_t(c.ny) * k)];
      if (ax == 1) return fy[size_t(i) + size_t(c.nx) * (j + size_t(c.ny + 1) * k)];
      return fz[size_t(i) + size_t(c.nx) * (j + size_t(c.ny) * k)];
    }};
    auto u = [&](int i, int j, int k) {
      const double g = with_ghosts ? 1.0 : 0.0;
      if (i < 0) return g * faces[0][size_t(j) + size_t(c.ny) * k];
      if (i >= c.nx) return g * faces[1][size_t(j) + size_t(c.ny) * k];
      if (j < 0) return g * faces[2][size_t(i) + size_t(c.nx) * k];
      if (j >= c.ny) return g * faces[3][size_t(i) + size_t(c.nx) * k];
      if (k < 0) return g * faces[4][size_t(i) + size_t(c.nx) * j];
      if (k >= c.nz) return g * faces[5][size_t(i) + size_t(c.nx) * j];
      return inside(size_t(i) + size_t(c.nx) * (j + size_t(c.ny) * k));
    };
    return ref::stencil_apply(c.dim, c.nx, c.ny, c.nz, rc, coef.shift, u);
  }

  /// Red cells (global parity even) in ascending order, then the black ones.
  std::vector<int> red_black_order() const {
    std::vector<int> order;
    for (int color = 0; color < 2; ++color)
      for (int k = 0, p = 0; k < c.nz; ++k)
        for (int j = 0; j < c.ny; ++j)
          for (int i = 0; i < c.nx; ++i, ++p)
            if (((i + j + k + c.origin_parity) & 1) == color) order.push_back(p);
    return order;
  }
};

void expect_equal(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t p = 0; p < got.size(); ++p)
    ASSERT_NEAR(got[p], want[p], 1e-12 * (1 + std::abs(want[p]))) << "cell " << p;
}

class StencilSorVsOracle : public ::testing::TestWithParam<Case> {};

TEST_P(StencilSorVsOracle, LexicographicSweepsMatch) {
  const StencilFixture f(GetParam());
  const auto fwd = ref::natural_order(f.a.n), bwd = ref::reversed(fwd);
  for (double omega : {0.8, 1.0, 1.5})
    for (auto dir : {kernels::SweepDirection::Forward, kernels::SweepDirection::Backward}) {
      auto x = test::to_device(f.x0);
      if (f.c.dim == 2)
        kernels::stencil_sor_lexicographic<2>(f.box, f.coef, test::to_device(f.b), f.ghosts, x, omega, dir);
      else
        kernels::stencil_sor_lexicographic<3>(f.box, f.coef, test::to_device(f.b), f.ghosts, x, omega, dir);
      std::vector<double> want = f.x0;
      ref::sor_sweep(f.a, f.b_eff, want, omega, dir == kernels::SweepDirection::Forward ? fwd : bwd);
      SCOPED_TRACE(::testing::Message() << "omega " << omega << " dir " << int(dir));
      expect_equal(test::to_host(x), want);
    }
}

TEST_P(StencilSorVsOracle, RedBlackSweepIsLexicographicOnThePermutedMatrix) {
  const StencilFixture f(GetParam());
  for (double omega : {0.8, 1.0, 1.5}) {
    auto x = test::to_device(f.x0);
    const auto b = test::to_device(f.b);
    for (int color = 0; color < 2; ++color) {
      if (f.c.dim == 2)
        kernels::stencil_sor_color<2>(f.box, f.coef, b, f.ghosts, x, omega, color, f.c.origin_parity);
      else
        kernels::stencil_sor_color<3>(f.box, f.coef, b, f.ghosts, x, omega, color, f.c.origin_parity);
    }
    std::vector<double> want = f.x0;
    ref::sor_sweep(f.a, f.b_eff, want, omega, f.red_black_order());
    SCOPED_TRACE(::testing::Message() << "omega " << omega);
    expect_equal(test::to_host(x), want);
  }
}

/// The one-pass chain against the half-sweeps it replaces (themselves checked against
/// the oracle above): the same bits, for one to three half-sweeps, either first colour,
/// and with rank faces, whose bands the chain leaves to stencil_sor_color_band (here the
/// ghosts stay fixed, so the bands' exchange is not needed; tests/mpi/relaxation runs
/// the exchange at 2 ranks).
TEST_P(StencilSorVsOracle, ColorChainEqualsSeparateHalfSweeps) {
  const StencilFixture f(GetParam());
  const auto b = test::to_device(f.b);
  for (unsigned rank_faces : {0u, 1u, 2u | 4u, 8u | 16u, 32u | 1u, 63u})
    for (int half_sweeps : {1, 2, 3})
      for (int first : {0, 1}) {
        kernels::ColorChain chain;
        chain.half_sweeps = half_sweeps;
        chain.first_color = first;
        chain.omega[0] = 1.3, chain.omega[1] = 0.8, chain.omega[2] = 1.7;
        chain.rank_faces = rank_faces;
        auto separate = test::to_device(f.x0), chained = test::to_device(f.x0);
        for (int h = 0; h < half_sweeps; ++h) {
          const int color = (first + h) & 1;
          if (f.c.dim == 2)
            kernels::stencil_sor_color<2>(f.box, f.coef, b, f.ghosts, separate, chain.omega[h], color, f.c.origin_parity);
          else
            kernels::stencil_sor_color<3>(f.box, f.coef, b, f.ghosts, separate, chain.omega[h], color, f.c.origin_parity);
        }
        if (f.c.dim == 2)
          kernels::stencil_sor_color_chain<2>(f.box, f.coef, b, f.ghosts, chained, chain, f.c.origin_parity);
        else
          kernels::stencil_sor_color_chain<3>(f.box, f.coef, b, f.ghosts, chained, chain, f.c.origin_parity);
        for (int h = 1; h < half_sweeps; ++h) {
          const int color = (first + h) & 1;
          if (f.c.dim == 2)
            kernels::stencil_sor_color_band<2>(f.box, f.coef, b, f.ghosts, chained, chain.omega[h], color,
                                               f.c.origin_parity, rank_faces, h);
          else
            kernels::stencil_sor_color_band<3>(f.box, f.coef, b, f.ghosts, chained, chain.omega[h], color,
                                               f.c.origin_parity, rank_faces, h);
        }
        SCOPED_TRACE(::testing::Message() << half_sweeps << " half-sweeps, first colour " << first
                                          << ", rank faces " << rank_faces);
        EXPECT_EQ(test::to_host(chained), test::to_host(separate));
        // And against the dense oracle: each half-sweep a Gauss–Seidel pass over one colour.
        std::vector<double> want = f.x0;
        const auto order = f.red_black_order();
        const auto reds = std::count_if(order.begin(), order.end(), [&](int p) {
          const int i = p % f.c.nx, j = p / f.c.nx % f.c.ny, k = p / (f.c.nx * f.c.ny);
          return ((i + j + k + f.c.origin_parity) & 1) == 0;
        });
        for (int h = 0; h < half_sweeps; ++h) {
          const bool red = ((first + h) & 1) == 0;
          const std::vector<int> cells(red ? order.begin() : order.begin() + reds, red ? order.begin() + reds : order.end());
          ref::sor_sweep(f.a, f.b_eff, want, chain.omega[h], cells);
        }
        expect_equal(test::to_host(chained), want);
      }
}

TEST_P(StencilSorVsOracle, ResidualNormMatchesOracle) {
  const StencilFixture f(GetParam());
  // r = b - A x with the ghosts: b_eff - A_block x.
  const auto ax = ref::matvec(f.a, f.x0);
  double want = 0;
  for (size_t p = 0; p < ax.size(); ++p) want += (f.b_eff[p] - ax[p]) * (f.b_eff[p] - ax[p]);
  const auto x = test::to_device(f.x0), b = test::to_device(f.b);
  const double got = f.c.dim == 2 ? kernels::stencil_residual_norm2<2>(f.box, f.coef, b, f.ghosts, x)
                                  : kernels::stencil_residual_norm2<3>(f.box, f.coef, b, f.ghosts, x);
  EXPECT_NEAR(got, want, 1e-12 * want);
}

INSTANTIATE_TEST_SUITE_P(Shapes, StencilSorVsOracle,
                         ::testing::Values(Case{2, 7, 5, 1, false, 0}, Case{2, 7, 5, 1, true, 1},
                                           Case{2, 8, 6, 1, false, 1}, Case{2, 1, 4, 1, true, 0},
                                           Case{2, 2, 3, 1, false, 1}, Case{3, 5, 4, 3, false, 1},
                                           Case{3, 5, 4, 3, true, 0}, Case{3, 6, 3, 2, true, 1},
                                           Case{3, 2, 1, 2, true, 0},
                                           // lines longer than a few dot lanes
                                           Case{2, 13, 3, 1, true, 1}, Case{3, 11, 2, 2, false, 0}));

/// A random, diagonally dominant CSR block with an unsymmetric pattern (so the
/// colouring must symmetrise it), some duplicate-free rows of varying length.
struct CsrFixture {
  int n = 60;
  std::vector<size_t> ptr{0};
  std::vector<int> cols;
  std::vector<double> vals;
  kernels::CsrMatrix a;
  ref::Dense dense;

  CsrFixture() : dense(60) {
    std::mt19937 rng(11);
    for (int i = 0; i < n; ++i) {
      std::vector<int> row{i};
      const int extra = int(rng() % 6);
      for (int e = 0; e < extra; ++e) {
        const int j = int(rng() % unsigned(n));
        if (std::find(row.begin(), row.end(), j) == row.end()) row.push_back(j);
      }
      std::sort(row.begin(), row.end());
      double off = 0;
      for (int j : row)
        if (j != i) {
          const double v = -0.2 - 0.8 * double(rng() % 1000) / 1000.0;
          cols.push_back(j), vals.push_back(v), dense(i, j) = v, off += std::abs(v);
        } else {
          cols.push_back(j), vals.push_back(0.0);  // filled below
        }
      const double d = off + 0.5;
      for (size_t e = ptr.back(); e < cols.size(); ++e)
        if (cols[e] == i) vals[e] = d;
      dense(i, i) = d;
      ptr.push_back(cols.size());
    }
    Kokkos::View<size_t*, kernels::MemSpace> rp("rp", ptr.size());
    Kokkos::View<int*, kernels::MemSpace> ci("ci", cols.size());
    auto hrp = Kokkos::create_mirror_view(rp);
    auto hci = Kokkos::create_mirror_view(ci);
    for (size_t i = 0; i < ptr.size(); ++i) hrp(i) = ptr[i];
    for (size_t i = 0; i < cols.size(); ++i) hci(i) = cols[i];
    Kokkos::deep_copy(rp, hrp);
    Kokkos::deep_copy(ci, hci);
    a = kernels::CsrMatrix("a", n, n, cols.size(), test::to_device(vals), rp, ci);
  }
};

TEST(CsrSor, LexicographicSweepsMatchOracle) {
  const CsrFixture f;
  const auto b = test::random_vector(size_t(f.n), 60), x0 = test::random_vector(size_t(f.n), 61);
  const auto fwd = ref::natural_order(f.n), bwd = ref::reversed(fwd);
  for (double omega : {0.8, 1.0, 1.5})
    for (auto dir : {kernels::SweepDirection::Forward, kernels::SweepDirection::Backward}) {
      auto x = test::to_device(x0);
      kernels::csr_sor_lexicographic(f.a, test::to_device(b), x, omega, dir);
      std::vector<double> want = x0;
      ref::sor_sweep(f.dense, b, want, omega, dir == kernels::SweepDirection::Forward ? fwd : bwd);
      expect_equal(test::to_host(x), want);
    }
}

TEST(CsrSor, GreedyColoringIsProperAndDeterministic) {
  const CsrFixture f;
  const auto col = kernels::csr_greedy_coloring(f.a);
  ASSERT_GE(col.colors, 2);
  for (int i = 0; i < f.n; ++i)
    for (size_t e = f.ptr[size_t(i)]; e < f.ptr[size_t(i) + 1]; ++e) {
      if (f.cols[e] == i) continue;
      EXPECT_NE(col.color_of[size_t(i)], col.color_of[size_t(f.cols[e])]) << i;
    }
  const auto again = kernels::csr_greedy_coloring(f.a);
  EXPECT_EQ(again.color_of, col.color_of);
  EXPECT_EQ(again.offsets, col.offsets);
  EXPECT_EQ(col.offsets.back(), size_t(f.n));
  // First fit in row order: each smaller colour of row i is held by an earlier
  // neighbour (in either direction of the unsymmetric pattern).
  for (int i = 0; i < f.n; ++i) {
    std::vector<bool> taken(size_t(col.colors), false);
    for (int j = 0; j < i; ++j)
      if (f.dense(i, j) != 0 || f.dense(j, i) != 0) taken[size_t(col.color_of[size_t(j)])] = true;
    for (int c = 0; c < col.color_of[size_t(i)]; ++c) EXPECT_TRUE(taken[size_t(c)]) << i << " " << c;
  }
}

TEST(CsrSor, GreedyColoringOfTheFivePointGridIsRedBlack) {
  // Row order x-fastest: the left and lower neighbours are coloured first, so first-fit
  // reproduces the parity colouring.
  const int nx = 6, ny = 5, n = nx * ny;
  std::vector<size_t> ptr{0};
  std::vector<int> cols;
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const int p = i + nx * j;
      if (j > 0) cols.push_back(p - nx);
      if (i > 0) cols.push_back(p - 1);
      cols.push_back(p);
      if (i < nx - 1) cols.push_back(p + 1);
      if (j < ny - 1) cols.push_back(p + nx);
      ptr.push_back(cols.size());
    }
  Kokkos::View<size_t*, kernels::MemSpace> rp("rp", ptr.size());
  Kokkos::View<int*, kernels::MemSpace> ci("ci", cols.size());
  auto hrp = Kokkos::create_mirror_view(rp);
  auto hci = Kokkos::create_mirror_view(ci);
  for (size_t i = 0; i < ptr.size(); ++i) hrp(i) = ptr[i];
  for (size_t i = 0; i < cols.size(); ++i) hci(i) = cols[i];
  Kokkos::deep_copy(rp, hrp);
  Kokkos::deep_copy(ci, hci);
  kernels::CsrMatrix a("a", n, n, cols.size(), kernels::Vector("v", cols.size()), rp, ci);
  const auto col = kernels::csr_greedy_coloring(a);
  EXPECT_EQ(col.colors, 2);
  for (int p = 0; p < n; ++p) EXPECT_EQ(col.color_of[size_t(p)], (p % nx + p / nx) & 1) << p;
}

TEST(CsrSor, MulticolorSweepIsLexicographicOnTheColorPermutedMatrix) {
  const CsrFixture f;
  const auto col = kernels::csr_greedy_coloring(f.a);
  const auto hrows = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), col.rows);
  std::vector<int> fwd(hrows.extent(0));
  for (size_t r = 0; r < fwd.size(); ++r) fwd[r] = hrows(r);
  const auto bwd = ref::reversed(fwd);
  const auto b = test::random_vector(size_t(f.n), 62), x0 = test::random_vector(size_t(f.n), 63);
  for (double omega : {0.8, 1.0, 1.5})
    for (auto dir : {kernels::SweepDirection::Forward, kernels::SweepDirection::Backward}) {
      auto x = test::to_device(x0);
      kernels::csr_sor_multicolor(f.a, col, test::to_device(b), x, omega, dir);
      std::vector<double> want = x0;
      // Backward visits the colours in reverse; within a colour the order is immaterial.
      ref::sor_sweep(f.dense, b, want, omega, dir == kernels::SweepDirection::Forward ? fwd : bwd);
      expect_equal(test::to_host(x), want);
    }
}

TEST(Relaxation, ResidualNorm2) {
  const auto b = test::random_vector(1001, 70), y = test::random_vector(1001, 71);
  double want = 0;
  for (size_t i = 0; i < b.size(); ++i) want += (b[i] - y[i]) * (b[i] - y[i]);
  EXPECT_NEAR(kernels::residual_norm2(test::to_device(b), test::to_device(y)), want, 1e-12 * want);
}

}  // namespace
}  // namespace las
