// SPDX-License-Identifier: BSD-3-Clause
// The one-pass red-black chain across blocks: a grid cut into px × py (× pz) blocks, each
// swept by stencil_sor_color_chain with its rank faces marked, the faces then exchanged
// and the bands finished by stencil_sor_color_band — as the SOR sweeper does over MPI
// ranks — must give, bit for bit, the separate half-sweeps of the whole grid (the
// oracle, itself checked against the dense oracle in test_relaxation.cpp). Here every
// block lives in one process, so any split runs, corners of two rank faces included,
// which the 1- and 2-rank MPI tests cannot reach.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <vector>

#include "kernels/relaxation.hpp"
#include "test_kernels_common.hpp"

namespace las {
namespace {

struct Split {
  int dim;
  std::array<int, 3> n;       // the whole grid
  std::array<int, 3> blocks;  // blocks along each axis (sizes differ by at most one)
};

/// Global cell (i, j, k) of a row-major (x fastest) grid of extent n.
size_t at(const std::array<int, 3>& n, int i, int j, int k) {
  return size_t(i) + size_t(n[0]) * (size_t(j) + size_t(n[1]) * size_t(k));
}

/// One block: its place in the grid, its own coefficients, b and x, and its ghosts.
struct Block {
  std::array<int, 3> origin{}, n{};
  unsigned rank_faces = 0;
  kernels::LocalBox box;
  kernels::StencilCoefficients coef;
  kernels::Vector b, x;
  kernels::GhostFaces ghosts, zero;
};

class ChainAcrossBlocks {
 public:
  ChainAcrossBlocks(const Split& s, bool variable, bool x_zero) : s_(s) {
    const auto& n = s.n;
    fx_ = test::random_vector(size_t(n[0] + 1) * n[1] * n[2], 28, 0.5, 3);
    fy_ = test::random_vector(size_t(n[0]) * (n[1] + 1) * n[2], 29, 0.5, 3);
    fz_ = test::random_vector(size_t(n[0]) * n[1] * (n[2] + 1), 30, 0.5, 3);
    b_ = test::random_vector(at(n, 0, 0, n[2]), 50);
    x0_ = x_zero ? std::vector<double>(b_.size(), 0.0) : test::random_vector(b_.size(), 51);
    coef_.variable = variable;
    coef_.cx = 1.5, coef_.cy = 2.5, coef_.cz = 0.75, coef_.shift = 0.25;
    for (int c2 = 0; c2 < s.blocks[2]; ++c2)
      for (int c1 = 0; c1 < s.blocks[1]; ++c1)
        for (int c0 = 0; c0 < s.blocks[0]; ++c0) {
          const std::array<int, 3> c{c0, c1, c2};
          Block blk;
          for (int a = 0; a < 3; ++a) {
            const int p = s.blocks[size_t(a)], m = n[size_t(a)];
            blk.origin[size_t(a)] = m / p * c[size_t(a)] + std::min(c[size_t(a)], m % p);
            blk.n[size_t(a)] = m / p + (c[size_t(a)] < m % p ? 1 : 0);
            if (c[size_t(a)] > 0) blk.rank_faces |= 1u << (2 * a);
            if (c[size_t(a)] < p - 1) blk.rank_faces |= 2u << (2 * a);
          }
          build(blk);
          blocks_.push_back(blk);
        }
  }

  /// The separate half-sweeps on the whole grid with zero (physical) ghost faces.
  std::vector<double> oracle(const kernels::ColorChain& chain) const {
    const kernels::LocalBox box{s_.n[0], s_.n[1], s_.n[2]};
    kernels::StencilCoefficients coef = coef_;
    coef.fx = test::to_device(fx_), coef.fy = test::to_device(fy_), coef.fz = test::to_device(fz_);
    const kernels::GhostFaces zero = zero_faces(box);
    auto x = test::to_device(x0_);
    const auto b = test::to_device(b_);
    for (int h = 0; h < chain.half_sweeps; ++h) {
      const int color = (chain.first_color + h) & 1;
      if (s_.dim == 2)
        kernels::stencil_sor_color<2>(box, coef, b, zero, x, chain.omega[h], color, 0);
      else
        kernels::stencil_sor_color<3>(box, coef, b, zero, x, chain.omega[h], color, 0);
    }
    return test::to_host(x);
  }

  /// The sweeper's order: exchange, chain per block (the first half-sweep reading the
  /// exchanged faces, or zero faces as the SSOR preconditioner's), then per later
  /// half-sweep an exchange and the bands.
  std::vector<double> chained(kernels::ColorChain chain, bool first_reads_zero) {
    exchange();
    for (Block& blk : blocks_) {
      chain.rank_faces = blk.rank_faces;
      const kernels::GhostFaces& g = first_reads_zero ? blk.zero : blk.ghosts;
      const int parity = (blk.origin[0] + blk.origin[1] + blk.origin[2]) & 1;
      if (s_.dim == 2)
        kernels::stencil_sor_color_chain<2>(blk.box, blk.coef, blk.b, g, blk.x, chain, parity);
      else
        kernels::stencil_sor_color_chain<3>(blk.box, blk.coef, blk.b, g, blk.x, chain, parity);
    }
    for (int h = 1; h < chain.half_sweeps; ++h) {
      exchange();
      const int color = (chain.first_color + h) & 1;
      for (Block& blk : blocks_) {
        const int parity = (blk.origin[0] + blk.origin[1] + blk.origin[2]) & 1;
        if (s_.dim == 2)
          kernels::stencil_sor_color_band<2>(blk.box, blk.coef, blk.b, blk.ghosts, blk.x, chain.omega[h], color,
                                             parity, blk.rank_faces, h);
        else
          kernels::stencil_sor_color_band<3>(blk.box, blk.coef, blk.b, blk.ghosts, blk.x, chain.omega[h], color,
                                             parity, blk.rank_faces, h);
      }
    }
    return gather();
  }

 private:
  static kernels::GhostFaces zero_faces(const kernels::LocalBox& box) {
    const auto face = [](size_t m) { return test::to_device(std::vector<double>(m, 0.0)); };
    const size_t yz = size_t(box.ny) * box.nz, xz = size_t(box.nx) * box.nz, xy = size_t(box.nx) * box.ny;
    return {face(yz), face(yz), face(xz), face(xz), face(xy), face(xy)};
  }

  /// Cuts the block's coefficients, b and x out of the whole grid's.
  void build(Block& blk) const {
    const auto& o = blk.origin;
    const auto& m = blk.n;
    blk.box = kernels::LocalBox{m[0], m[1], m[2]};
    std::vector<double> fx, fy, fz, b, x;
    for (int k = 0; k < m[2]; ++k)
      for (int j = 0; j < m[1]; ++j) {
        for (int i = 0; i <= m[0]; ++i)
          fx.push_back(fx_[at({s_.n[0] + 1, s_.n[1], s_.n[2]}, o[0] + i, o[1] + j, o[2] + k)]);
        for (int i = 0; i < m[0]; ++i) {
          b.push_back(b_[at(s_.n, o[0] + i, o[1] + j, o[2] + k)]);
          x.push_back(x0_[at(s_.n, o[0] + i, o[1] + j, o[2] + k)]);
        }
      }
    for (int k = 0; k < m[2]; ++k)
      for (int j = 0; j <= m[1]; ++j)
        for (int i = 0; i < m[0]; ++i) fy.push_back(fy_[at({s_.n[0], s_.n[1] + 1, s_.n[2]}, o[0] + i, o[1] + j, o[2] + k)]);
    for (int k = 0; k <= m[2]; ++k)
      for (int j = 0; j < m[1]; ++j)
        for (int i = 0; i < m[0]; ++i) fz.push_back(fz_[at({s_.n[0], s_.n[1], s_.n[2] + 1}, o[0] + i, o[1] + j, o[2] + k)]);
    blk.coef = coef_;
    blk.coef.fx = test::to_device(fx), blk.coef.fy = test::to_device(fy), blk.coef.fz = test::to_device(fz);
    blk.b = test::to_device(b), blk.x = test::to_device(x);
    blk.zero = zero_faces(blk.box);
  }

  std::vector<double> gather() const {
    std::vector<double> whole(b_.size());
    for (const Block& blk : blocks_) {
      const auto x = test::to_host(blk.x);
      size_t p = 0;
      for (int k = 0; k < blk.n[2]; ++k)
        for (int j = 0; j < blk.n[1]; ++j)
          for (int i = 0; i < blk.n[0]; ++i, ++p)
            whole[at(s_.n, blk.origin[0] + i, blk.origin[1] + j, blk.origin[2] + k)] = x[p];
    }
    return whole;
  }

  /// Every block's ghost faces from the other blocks' current x (zero outside the grid).
  void exchange() {
    const auto whole = gather();
    const auto value = [&](int i, int j, int k) {
      const bool inside = i >= 0 && j >= 0 && k >= 0 && i < s_.n[0] && j < s_.n[1] && k < s_.n[2];
      return inside ? whole[at(s_.n, i, j, k)] : 0.0;
    };
    for (Block& blk : blocks_) {
      const auto& o = blk.origin;
      const auto& m = blk.n;
      std::array<std::vector<double>, 6> f;
      for (int k = 0; k < m[2]; ++k)
        for (int j = 0; j < m[1]; ++j) {
          f[0].push_back(value(o[0] - 1, o[1] + j, o[2] + k));
          f[1].push_back(value(o[0] + m[0], o[1] + j, o[2] + k));
        }
      for (int k = 0; k < m[2]; ++k)
        for (int i = 0; i < m[0]; ++i) {
          f[2].push_back(value(o[0] + i, o[1] - 1, o[2] + k));
          f[3].push_back(value(o[0] + i, o[1] + m[1], o[2] + k));
        }
      for (int j = 0; j < m[1]; ++j)
        for (int i = 0; i < m[0]; ++i) {
          // A 2D grid has no z neighbours: its z faces stay zero.
          f[4].push_back(s_.dim == 3 ? value(o[0] + i, o[1] + j, o[2] - 1) : 0.0);
          f[5].push_back(s_.dim == 3 ? value(o[0] + i, o[1] + j, o[2] + m[2]) : 0.0);
        }
      blk.ghosts = {test::to_device(f[0]), test::to_device(f[1]), test::to_device(f[2]),
                    test::to_device(f[3]), test::to_device(f[4]), test::to_device(f[5])};
    }
  }

  Split s_;
  kernels::StencilCoefficients coef_;
  std::vector<double> fx_, fy_, fz_, b_, x0_;
  std::vector<Block> blocks_;
};

class ColorChainAcrossBlocks : public ::testing::TestWithParam<Split> {};

TEST_P(ColorChainAcrossBlocks, EqualsSeparateHalfSweepsOfTheWholeGrid) {
  const Split& s = GetParam();
  for (const bool variable : {false, true})
    for (const bool ssor : {false, true})  // the SSOR preconditioner: x = 0, first faces zero
      for (int half_sweeps = 1; half_sweeps <= 3; ++half_sweeps)
        for (int first = 0; first < 2; ++first) {
          kernels::ColorChain chain;
          chain.half_sweeps = half_sweeps;
          chain.first_color = first;
          chain.omega[0] = 1.3, chain.omega[1] = 0.8, chain.omega[2] = 1.7;
          ChainAcrossBlocks blocks(s, variable, ssor);
          SCOPED_TRACE(::testing::Message() << (variable ? "variable" : "constant") << (ssor ? ", SSOR" : "")
                                            << ", " << half_sweeps << " half-sweeps, first colour " << first);
          EXPECT_EQ(blocks.chained(chain, ssor), blocks.oracle(chain));
        }
}

// Uneven splits, blocks one or two cells wide (every cell in a band), corners where an x
// and a y (and z) rank face meet.
INSTANTIATE_TEST_SUITE_P(Splits, ColorChainAcrossBlocks,
                         ::testing::Values(Split{2, {11, 9, 1}, {3, 2, 1}}, Split{2, {5, 4, 1}, {2, 2, 1}},
                                           Split{2, {2, 3, 1}, {2, 3, 1}}, Split{2, {17, 13, 1}, {1, 3, 1}},
                                           Split{3, {7, 6, 5}, {2, 2, 2}}, Split{3, {3, 2, 4}, {3, 2, 2}},
                                           Split{3, {9, 8, 7}, {1, 1, 3}}));

}  // namespace
}  // namespace las
