// SPDX-License-Identifier: BSD-3-Clause
// kernels/ot.hpp against the serial oracles of reference/ot_ref.hpp, at eta = 1200 where
// unshifted exponentials underflow.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/ot.hpp"
#include "kernels/reference/ot_ref.hpp"
#include "../kernels/test_kernels_common.hpp"

namespace las {
namespace {

constexpr size_t kRows = 37, kCols = 53;
constexpr double kEta = 1200;

kernels::Matrix to_matrix(const std::vector<double>& h, size_t rows, size_t cols) {
  kernels::Matrix d("test", rows, cols);
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) m(i, j) = h[i * cols + j];
  Kokkos::deep_copy(d, m);
  return d;
}

struct Fixture {
  std::vector<double> c = test::random_vector(kRows * kCols, 1, 0, 1);
  // Potentials near a Sinkhorn iterate: x_i + y_j close to C_ij for a few entries.
  std::vector<double> x = test::random_vector(kRows, 2, 0.0, 0.05);
  std::vector<double> y = test::random_vector(kCols, 3, 0.0, 0.05);
  kernels::DenseCostBlock cost{to_matrix(c, kRows, kCols)};
};

TEST(OtKernels, RowLogSumExpMatchesTwoPassOracleWithoutUnderflow) {
  Fixture f;
  kernels::Vector lse("lse", kRows);
  kernels::ot_row_lse(f.cost, kRows, kCols, kEta, test::to_device(f.y), lse);
  const auto want = kernels::reference::ot_row_lse(f.c, kRows, kCols, kEta, f.y);
  const auto got = test::to_host(lse);
  for (size_t i = 0; i < kRows; ++i) {
    EXPECT_TRUE(std::isfinite(got[i]));
    EXPECT_NEAR(got[i], want[i], 1e-12 * std::abs(want[i])) << i;
  }
}

TEST(OtKernels, ColumnPartialsCombineToTheOracleAcrossSplitRows) {
  Fixture f;
  // Two "ranks": rows [0, 20) and [20, 37), combined as the solver does.
  const size_t split = 20;
  std::vector<double> m[2], s[2];
  for (int part = 0; part < 2; ++part) {
    const size_t lo = part == 0 ? 0 : split, hi = part == 0 ? split : kRows;
    std::vector<double> cb(f.c.begin() + lo * kCols, f.c.begin() + hi * kCols);
    std::vector<double> xb(f.x.begin() + lo, f.x.begin() + hi);
    kernels::Vector cm("m", kCols), cs("s", kCols);
    kernels::ot_col_lse_partial(kernels::DenseCostBlock{to_matrix(cb, hi - lo, kCols)}, hi - lo,
                                kCols, kEta, test::to_device(xb), cm, cs);
    m[part] = test::to_host(cm);
    s[part] = test::to_host(cs);
  }
  const auto want = kernels::reference::ot_col_lse(f.c, kRows, kCols, kEta, f.x);
  for (size_t j = 0; j < kCols; ++j) {
    const double mm = std::max(m[0][j], m[1][j]);
    const double ss = s[0][j] * std::exp(m[0][j] - mm) + s[1][j] * std::exp(m[1][j] - mm);
    EXPECT_NEAR(mm + std::log(ss), want[j], 1e-12 * std::abs(want[j])) << j;
  }
}

TEST(OtKernels, PlanSumsHistogramAndCostsMatchTheDensePlan) {
  Fixture f;
  const double eta = 40;  // a plan with many non-negligible entries
  const auto p = kernels::reference::ot_plan(f.c, kRows, kCols, eta, f.x, f.y);
  kernels::Vector rows("rows", kRows), cols("cols", kCols);
  kernels::LogHistogram hist;
  hist.lo = -30;
  hist.inv_width = 2.0;
  hist.counts = kernels::CountArray("h", 64);
  kernels::ot_plan_sums(f.cost, kRows, kCols, eta, test::to_device(f.x), test::to_device(f.y), rows,
                        cols, hist);
  const auto rs = test::to_host(rows), cs = test::to_host(cols);
  std::vector<long long> want_hist(64, 0);
  double transport = 0, plogp = 0;
  for (size_t i = 0; i < kRows; ++i) {
    double s = 0;
    for (size_t j = 0; j < kCols; ++j) {
      const double v = p[i * kCols + j];
      s += v;
      transport += v * f.c[i * kCols + j];
      plogp += v * std::log(v);
      const double t = (std::log(v) + 30) * 2.0;
      want_hist[t <= 0 ? 0 : std::min<size_t>(63, size_t(t))] += 1;
    }
    EXPECT_NEAR(rs[i], s, 1e-13 * s);
  }
  for (size_t j = 0; j < kCols; ++j) {
    double s = 0;
    for (size_t i = 0; i < kRows; ++i) s += p[i * kCols + j];
    EXPECT_NEAR(cs[j], s, 1e-13 * s);
  }
  auto hh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), hist.counts);
  for (size_t b = 0; b < 64; ++b) EXPECT_EQ(hh(b), want_hist[b]) << "bin " << b;
  const auto c = kernels::ot_costs(f.cost, kRows, kCols, eta, test::to_device(f.x), test::to_device(f.y));
  EXPECT_NEAR(c.transport, transport, 1e-12 * transport);
  EXPECT_NEAR(c.plan_log_plan, plogp, 1e-12 * std::abs(plogp));
}

TEST(OtKernels, KeptEntriesAreExactlyThoseAboveTheThreshold) {
  Fixture f;
  const double eta = 40;
  const auto p = kernels::reference::ot_plan(f.c, kRows, kCols, eta, f.x, f.y);
  const size_t keep = 2 * kCols;
  const double rho = kernels::reference::kth_largest(p, keep);
  kernels::OffsetArray counts("n", kRows), ptr("p", kRows + 1);
  const auto x = test::to_device(f.x), y = test::to_device(f.y);
  // Just below log rho so the k-th entry itself passes despite rounding.
  const double log_rho = std::log(rho) - 1e-12;
  kernels::ot_count_above(f.cost, kRows, kCols, eta, x, y, log_rho, counts);
  const size_t nnz = kernels::ot_row_offsets(counts, ptr);
  EXPECT_EQ(nnz, keep);  // random values: no ties
  kernels::IndexArray idx("i", nnz);
  kernels::ValueArray val("v", nnz);
  kernels::ot_gather_above(f.cost, kRows, kCols, eta, x, y, log_rho, ptr, idx, val);
  auto hp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ptr);
  auto hi = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), idx);
  auto hv = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), val);
  for (size_t i = 0; i < kRows; ++i) {
    size_t e = hp(i);
    for (size_t j = 0; j < kCols; ++j) {
      if (p[i * kCols + j] < rho) continue;
      ASSERT_LT(e, hp(i + 1));
      EXPECT_EQ(size_t(hi(e)), j);
      EXPECT_NEAR(hv(e), p[i * kCols + j], 1e-13 * p[i * kCols + j]);
      ++e;
    }
    EXPECT_EQ(e, hp(i + 1));
  }
}

TEST(OtKernels, PointCostsMatchTheOracleForEveryMetric) {
  const size_t dim = 3;
  const auto a = test::random_vector(kRows * dim, 4), b = test::random_vector(kCols * dim, 5);
  for (int kind = 0; kind < 3; ++kind) {
    kernels::PointCost cost{to_matrix(a, kRows, dim), to_matrix(b, kCols, dim),
                            static_cast<kernels::OtCost>(kind)};
    const auto c = kernels::reference::ot_cost_from_points(a, b, dim, kind);
    kernels::Matrix got("plan", kRows, kCols);
    kernels::Vector zx("zx", kRows), zy("zy", kCols);
    // With x = y = 0 and eta = 1 the plan is exp(-C - 1): it carries C through the kernel.
    kernels::ot_plan_block(cost, kRows, kCols, 1.0, zx, zy, got);
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), got);
    for (size_t i = 0; i < kRows; ++i)
      for (size_t j = 0; j < kCols; ++j)
        EXPECT_NEAR(-std::log(h(i, j)) - 1.0, c[i * kCols + j], 1e-12) << "metric " << kind;
  }
}

}  // namespace
}  // namespace las
