// SPDX-License-Identifier: BSD-3-Clause
// The network's inference layers (kernels/nn*.hpp) against the double-accumulating
// oracle (reference/nn_ref.hpp) in 2D and 3D on odd block sizes, plus independent
// analytic checks: a linear field through difference stencils, and the zero padding
// counted cell by cell.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kernels/nn.hpp"
#include "kernels/reference/nn_ref.hpp"

namespace las {
namespace {

namespace k = kernels;
namespace ref = kernels::reference;

k::FloatArray to_device(const std::vector<float>& h) {
  k::FloatArray d("test", h.size());
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < h.size(); ++i) m(i) = h[i];
  Kokkos::deep_copy(d, m);
  return d;
}

std::vector<float> to_host(const k::FloatArray& d) {
  auto m = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), d);
  return std::vector<float>(m.data(), m.data() + m.extent(0));
}

std::vector<float> random_floats(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (auto& x : v) x = u(rng);
  return v;
}

ref::Block block_of(const k::NnGrid& g) { return {g.dim, g.nx, g.ny, g.nz}; }

k::NnField field_from(const k::NnGrid& g, int channels, const std::vector<float>& h) {
  k::NnField f = k::make_nn_field("f", g, channels);
  Kokkos::deep_copy(f.data, to_device(h));
  return f;
}

bool is_ghost(const ref::Block& b, size_t p) {
  const size_t sx = size_t(b.nx + 2), sy = size_t(b.ny + 2);
  const size_t q = p % b.padded();
  const int i = int(q % sx) - 1, j = int((q / sx) % sy) - 1;
  const int kk = b.dim == 3 ? int(q / (sx * sy)) - 1 : 0;
  return i < 0 || i >= b.nx || j < 0 || j >= b.ny || kk < 0 || kk >= b.nz;
}

/// max |got - want| over interior cells / max |want|; ghosts of `got` must equal `ghost`.
double interior_rel_error(const ref::Block& b, const std::vector<float>& got,
                          const std::vector<float>& want, float ghost) {
  double err = 0, scale = 0;
  for (size_t p = 0; p < got.size(); ++p) {
    if (is_ghost(b, p)) {
      EXPECT_EQ(got[p], ghost) << "ghost cell " << p << " was written";
      continue;
    }
    err = std::max(err, std::abs(double(got[p]) - double(want[p])));
    scale = std::max(scale, std::abs(double(want[p])));
  }
  return err / std::max(scale, 1e-30);
}

struct ConvCase {
  int dim, nx, ny, nz, kernel, c_in, c_out;
  bool relu, residual, in_place;
};

std::string describe(const ConvCase& c) {
  return std::to_string(c.dim) + "D " + std::to_string(c.nx) + "x" + std::to_string(c.ny) + "x" +
         std::to_string(c.nz) + " k" + std::to_string(c.kernel) + " " + std::to_string(c.c_in) +
         "->" + std::to_string(c.c_out) + (c.relu ? " relu" : "") + (c.residual ? " +res" : "") +
         (c.in_place ? " in-place" : "");
}

void check_conv(const ConvCase& c) {
  SCOPED_TRACE(describe(c));
  const k::NnGrid g{c.dim, c.nx, c.ny, c.nz};
  const ref::Block b = block_of(g);
  k::ConvWeights w = k::make_conv_weights("w", c.dim, c.kernel, c.c_in, c.c_out);
  const auto wh = random_floats(w.w.extent(0), 1), bh = random_floats(w.bias.extent(0), 2);
  Kokkos::deep_copy(w.w, to_device(wh));
  Kokkos::deep_copy(w.bias, to_device(bh));
  // Random ghosts too: they stand for a neighbour rank's values.
  const auto inh = random_floats(b.padded() * c.c_in, 3);
  const k::NnField in = field_from(g, c.c_in, inh);

  const float sentinel = 7.0f;  // ghosts of out must keep it
  std::vector<float> outh(b.padded() * c.c_out, sentinel);
  std::vector<float> resh;
  if (c.residual) {
    resh = random_floats(b.padded() * c.c_out, 4);
    for (size_t p = 0; p < resh.size(); ++p)
      if (is_ghost(b, p)) resh[p] = sentinel;
  }
  const k::NnField out = field_from(g, c.c_out, c.in_place ? resh : outh);
  const k::NnField res = c.residual && !c.in_place ? field_from(g, c.c_out, resh) : out;

  k::conv(w, in, out, c.relu ? k::Activation::relu : k::Activation::none,
          c.residual ? &res : nullptr);
  const auto want = ref::conv(b, c.kernel, c.c_in, c.c_out, wh, bh, inh, c.relu,
                              c.residual ? &resh : nullptr);
  EXPECT_LE(interior_rel_error(b, to_host(out.data), want, sentinel), 1e-5);
}

TEST(NnConv, MatchesOracleOverChannelsSizesAndEpilogues) {
  // x extents beyond one 16-cell register tile and with a tail; odd y, z.
  const int sizes[2][3] = {{37, 9, 1}, {19, 5, 3}};
  const int channels[][2] = {{1, 1}, {1, 16}, {16, 16}, {3, 16}, {16, 3}, {16, 1}, {3, 3}};
  for (int dim = 2; dim <= 3; ++dim)
    for (int kernel : {3, 1})
      for (const auto& ch : channels)
        for (int epi = 0; epi < 4; ++epi) {
          const auto& s = sizes[dim - 2];
          const bool relu = epi & 1, residual = epi & 2;
          check_conv({dim, s[0], s[1], s[2], kernel, ch[0], ch[1], relu, residual, false});
        }
}

TEST(NnConv, InPlaceResidualAndTinyBlocks) {
  for (int dim = 2; dim <= 3; ++dim) {
    check_conv({dim, 16, 3, dim == 3 ? 2 : 1, 3, 16, 16, true, true, true});
    check_conv({dim, 1, 1, 1, 3, 3, 16, true, true, false});
    check_conv({dim, 17, 2, dim == 3 ? 5 : 1, 3, 16, 5, false, true, true});
  }
}

// Independent of the oracle: a linear field u = a + bx i + by j + bz k, ghosts
// included (as an exchange of the same global field would fill them). Output channel
// 0 applies the centred x difference, 1 the y difference, 2 the z (2D: the 5-point /
// 3D: the 7-point) Laplacian, 3 the all-ones box; exact results bx, by, 0, taps * u.
TEST(NnConv, LinearFieldThroughDifferenceStencils) {
  for (int dim = 2; dim <= 3; ++dim) {
    SCOPED_TRACE(dim);
    const k::NnGrid g{dim, 21, 6, dim == 3 ? 5 : 1};
    const ref::Block b = block_of(g);
    const float a = 0.5f, bx = 0.25f, by = -0.125f, bz = 0.375f;
    std::vector<float> u(b.padded());
    for (int kk = (dim == 3 ? -1 : 0); kk < (dim == 3 ? g.nz + 1 : 1); ++kk)
      for (int j = -1; j <= g.ny; ++j)
        for (int i = -1; i <= g.nx; ++i) u[b.idx(0, i, j, kk)] = a + bx * i + by * j + bz * kk;
    const int kz = dim == 3 ? 3 : 1, taps = kz * 9;
    std::vector<float> wh(4 * taps, 0.0f);
    auto tap = [&](int dx, int dy, int dz) { return ((dim == 3 ? dz + 1 : 0) * 3 + dy + 1) * 3 + dx + 1; };
    wh[0 * taps + tap(1, 0, 0)] = 0.5f, wh[0 * taps + tap(-1, 0, 0)] = -0.5f;
    wh[1 * taps + tap(0, 1, 0)] = 0.5f, wh[1 * taps + tap(0, -1, 0)] = -0.5f;
    for (int d = -1; d <= 1; d += 2) {
      wh[2 * taps + tap(d, 0, 0)] = 1.0f;
      wh[2 * taps + tap(0, d, 0)] = 1.0f;
      if (dim == 3) wh[2 * taps + tap(0, 0, d)] = 1.0f;
    }
    wh[2 * taps + tap(0, 0, 0)] = -2.0f * dim;
    for (int t = 0; t < taps; ++t) wh[3 * taps + t] = 1.0f;
    k::ConvWeights w = k::make_conv_weights("w", dim, 3, 1, 4);
    Kokkos::deep_copy(w.w, to_device(wh));
    const k::NnField in = field_from(g, 1, u);
    const k::NnField out = k::make_nn_field("out", g, 4);
    k::conv(w, in, out);
    const auto got = to_host(out.data);
    for (int kk = 0; kk < g.nz; ++kk)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          const double uc = a + bx * i + by * j + bz * kk;
          ASSERT_NEAR(got[b.idx(0, i, j, kk)], bx, 1e-5);
          ASSERT_NEAR(got[b.idx(1, i, j, kk)], by, 1e-5);
          ASSERT_NEAR(got[b.idx(2, i, j, kk)], 0.0, 1e-5);
          ASSERT_NEAR(got[b.idx(3, i, j, kk)], taps * uc, 1e-5 * taps * (1 + std::abs(uc)));
        }
  }
}

// Zero padding: a field of ones with zero ghosts through the all-ones box counts each
// cell's in-block neighbours, (3 - [at low end] - [at high end]) per axis.
TEST(NnConv, ZeroGhostsCountInBlockNeighbours) {
  for (int dim = 2; dim <= 3; ++dim) {
    const k::NnGrid g{dim, 18, 5, dim == 3 ? 4 : 1};
    const ref::Block b = block_of(g);
    const k::NnField in = field_from(g, 1, std::vector<float>(b.padded(), 1.0f));
    k::fill_ghosts_zero(in);
    k::ConvWeights w = k::make_conv_weights("w", dim, 3, 1, 1);
    Kokkos::deep_copy(w.w, 1.0f);
    const k::NnField out = k::make_nn_field("out", g, 1);
    k::conv(w, in, out);
    const auto got = to_host(out.data);
    auto span = [](int i, int n) { return 3 - (i == 0) - (i == n - 1); };
    for (int kk = 0; kk < g.nz; ++kk)
      for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
          const int want = span(i, g.nx) * span(j, g.ny) * (dim == 3 ? span(kk, g.nz) : 1);
          ASSERT_EQ(got[b.idx(0, i, j, kk)], float(want)) << i << "," << j << "," << kk;
        }
  }
}

TEST(NnConv, RejectsMismatchedArguments) {
  const k::NnGrid g{3, 4, 4, 4};
  const k::NnField a = k::make_nn_field("a", g, 16), c = k::make_nn_field("c", g, 3);
  const k::ConvWeights w = k::make_conv_weights("w", 3, 3, 16, 16);
  EXPECT_THROW(k::conv(w, a, a), std::invalid_argument);  // out aliases in
  EXPECT_THROW(k::conv(w, a, c), std::invalid_argument);  // 16 -> 16 into 3 channels
  EXPECT_THROW(k::conv(k::make_conv_weights("w2", 2, 3, 16, 16), a, k::make_nn_field("b", g, 16)),
               std::invalid_argument);  // 2D weights on a 3D grid
}

void check_pool_and_upsample(const k::NnGrid& g, int channels) {
  SCOPED_TRACE(std::to_string(g.dim) + "D " + std::to_string(g.nx) + "x" + std::to_string(g.ny) +
               "x" + std::to_string(g.nz) + " c" + std::to_string(channels));
  const k::NnGrid gc = k::coarsened(g);
  const ref::Block bf = block_of(g), bc = block_of(gc);
  const auto fine_h = random_floats(bf.padded() * channels, 11);
  const k::NnField fine = field_from(g, channels, fine_h);
  const float sentinel = -3.0f;
  const k::NnField coarse = field_from(gc, channels, std::vector<float>(bc.padded() * channels, sentinel));
  k::avg_pool2(fine, coarse);
  const auto pooled = ref::avg_pool2(bf, channels, fine_h);
  EXPECT_LE(interior_rel_error(bc, to_host(coarse.data), pooled, sentinel), 1e-6);

  // Upsample the (random) coarse field into a separate output and in place onto the skip.
  const auto coarse_h = random_floats(bc.padded() * channels, 12);
  auto skip_h = random_floats(bf.padded() * channels, 13);
  for (size_t p = 0; p < skip_h.size(); ++p)
    if (is_ghost(bf, p)) skip_h[p] = sentinel;
  const auto want = ref::upsample2_add(bf, channels, coarse_h, skip_h);
  const k::NnField cf = field_from(gc, channels, coarse_h), skip = field_from(g, channels, skip_h);
  const k::NnField out = field_from(g, channels, std::vector<float>(bf.padded() * channels, sentinel));
  k::upsample2_add(cf, skip, out);
  EXPECT_LE(interior_rel_error(bf, to_host(out.data), want, sentinel), 1e-6);
  k::upsample2_add(cf, skip, skip);
  EXPECT_LE(interior_rel_error(bf, to_host(skip.data), want, sentinel), 1e-6);
}

TEST(NnPool, PoolAndUpsampleMatchOracle) {
  check_pool_and_upsample({2, 10, 6, 1}, 3);
  check_pool_and_upsample({2, 34, 2, 1}, 16);
  check_pool_and_upsample({3, 6, 4, 8}, 16);
  check_pool_and_upsample({3, 2, 2, 2}, 1);
}

// Independent of the oracle: the average of a linear field over a 2x2(x2) cell is its
// value at the coarse cell's centre, 2I + 1/2 along each axis.
TEST(NnPool, PoolOfLinearFieldIsValueAtCoarseCentre) {
  const k::NnGrid g{3, 8, 6, 4};
  const ref::Block bf = block_of(g);
  std::vector<float> u(bf.padded(), 0.0f);
  auto lin = [](double x, double y, double z) { return 1.0 + 0.5 * x - 0.25 * y + 0.125 * z; };
  for (int kk = 0; kk < g.nz; ++kk)
    for (int j = 0; j < g.ny; ++j)
      for (int i = 0; i < g.nx; ++i) u[bf.idx(0, i, j, kk)] = float(lin(i, j, kk));
  const k::NnField fine = field_from(g, 1, u);
  const k::NnField coarse = k::make_nn_field("c", k::coarsened(g), 1);
  k::avg_pool2(fine, coarse);
  const auto got = to_host(coarse.data);
  const ref::Block bc = block_of(coarse.grid);
  for (int kk = 0; kk < bc.nz; ++kk)
    for (int j = 0; j < bc.ny; ++j)
      for (int i = 0; i < bc.nx; ++i)
        ASSERT_NEAR(got[bc.idx(0, i, j, kk)], lin(2 * i + 0.5, 2 * j + 0.5, 2 * kk + 0.5), 1e-6);
}

// Shape rule: a 2x level needs even block extents; odd ones are a clear error, never a
// silently dropped row.
TEST(NnPool, OddExtentsAreRejected) {
  EXPECT_THROW(k::coarsened({3, 8, 7, 8}), std::invalid_argument);
  EXPECT_THROW(k::coarsened({2, 5, 4, 1}), std::invalid_argument);
  EXPECT_NO_THROW(k::coarsened({2, 6, 4, 1}));  // 2D: nz == 1 is fine
  const k::NnField odd = k::make_nn_field("odd", {3, 6, 6, 5}, 2);
  const k::NnField c = k::make_nn_field("c", {3, 3, 3, 2}, 2);
  EXPECT_THROW(k::avg_pool2(odd, c), std::invalid_argument);
  EXPECT_THROW(k::upsample2_add(c, odd, odd), std::invalid_argument);
  try {
    k::coarsened({3, 8, 7, 8});
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("8x7x8"), std::string::npos) << e.what();
  }
  // A coarse field of the wrong size is rejected too.
  const k::NnField fine = k::make_nn_field("f", {2, 8, 4, 1}, 2);
  EXPECT_THROW(k::avg_pool2(fine, k::make_nn_field("c2", {2, 4, 4, 1}, 2)), std::invalid_argument);
}

// load_channel / store_channel: compact doubles <-> one padded float channel, scaled.
TEST(NnField, LoadStoreRoundTripAndZeroGhosts) {
  const k::NnGrid g{3, 5, 3, 2};
  const size_t n = g.cells();
  k::Vector x("x", n), y("y", n);
  auto xm = Kokkos::create_mirror_view(x);
  for (size_t p = 0; p < n; ++p) xm(p) = double(p) + 0.5;
  Kokkos::deep_copy(x, xm);
  const ref::Block b = block_of(g);
  const k::NnField f = field_from(g, 2, std::vector<float>(b.padded() * 2, 9.0f));
  k::load_channel(x, 2.0, f, 1);
  k::fill_ghosts_zero(f);
  k::store_channel(f, 1, 0.25, y);
  const auto fh = to_host(f.data);
  auto ym = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), y);
  for (size_t p = 0; p < n; ++p) EXPECT_DOUBLE_EQ(ym(p), 0.5 * xm(p));
  for (size_t p = 0; p < fh.size(); ++p) {
    if (is_ghost(b, p)) {
      EXPECT_EQ(fh[p], 0.0f) << p;
    } else if (p < b.padded()) {
      EXPECT_EQ(fh[p], 9.0f) << p;  // channel 0 untouched
    }
  }
  // Channel 1, cell (i,j,k) holds 2 x at the compact index.
  EXPECT_EQ(fh[b.idx(1, 4, 2, 1)], float(2.0 * (4 + 5 * (2 + 3 * 1) + 0.5)));
}

}  // namespace
}  // namespace las
