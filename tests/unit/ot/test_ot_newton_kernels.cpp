// SPDX-License-Identifier: BSD-3-Clause
// The fused product with SNS's sparsified Newton matrix (kernels/ot.hpp) against a dense
// product with the plan of reference/ot_ref.hpp, and bitwise against KokkosKernels'
// serial SpMV, whose summation order it keeps so that SNS's iterates do not change.
#include <gtest/gtest.h>

#include <cmath>
#include <type_traits>
#include <vector>

#include "kernels/blas1.hpp"
#include "kernels/ot.hpp"
#include "kernels/reference/ot_ref.hpp"
#include "kernels/sparse.hpp"
#include "../kernels/test_kernels_common.hpp"
#include "tests/harness/fp_contract.hpp"

namespace las {
namespace {

constexpr size_t kRows = 37, kCols = 53;
constexpr double kEta = 40;  // a plan with many non-negligible entries

struct Fixture {
  std::vector<double> c = test::random_vector(kRows * kCols, 11, 0, 1);
  std::vector<double> x = test::random_vector(kRows, 12, 0.0, 0.05);
  std::vector<double> y = test::random_vector(kCols, 13, 0.0, 0.05);
  std::vector<double> p = kernels::reference::ot_plan(c, kRows, kCols, kEta, x, y);
};

TEST(OtNewtonKernels, FusedNewtonProductMatchesTheDenseProductAndSpmvBitwise) {
  Fixture f;
  // P_s: the entries >= the 5·kCols-th largest, as CSR, with ragged rows (lengths that
  // are and are not multiples of 4).
  const double rho = kernels::reference::kth_largest(f.p, 5 * kCols);
  std::vector<size_t> ptr(kRows + 1, 0);
  std::vector<int> idx;
  std::vector<double> val;
  for (size_t i = 0; i < kRows; ++i) {
    for (size_t j = 0; j < kCols; ++j)
      if (f.p[i * kCols + j] >= rho) {
        idx.push_back(static_cast<int>(j));
        val.push_back(f.p[i * kCols + j]);
      }
    ptr[i + 1] = idx.size();
  }
  const size_t nnz = idx.size();
  kernels::OffsetArray row_ptr("ptr", kRows + 1);
  kernels::IndexArray cols("cols", nnz);
  kernels::ValueArray vals("vals", nnz);
  {
    auto hp = Kokkos::create_mirror_view(row_ptr);
    auto hc = Kokkos::create_mirror_view(cols);
    auto hv = Kokkos::create_mirror_view(vals);
    for (size_t i = 0; i <= kRows; ++i) hp(i) = ptr[i];
    for (size_t e = 0; e < nnz; ++e) hc(e) = idx[e], hv(e) = val[e];
    Kokkos::deep_copy(row_ptr, hp);
    Kokkos::deep_copy(cols, hc);
    Kokkos::deep_copy(vals, hv);
  }
  const auto dx = test::random_vector(kRows, 14, 0.1, 1), vx = test::random_vector(kRows, 15);
  const auto vy = test::random_vector(kCols, 16);
  kernels::Vector ox("ox", kRows), col_partial("t", kCols);
  kernels::ot_newton_apply_rows(Kokkos::subview(row_ptr, std::pair<size_t, size_t>(0, kRows)),
                                Kokkos::subview(row_ptr, std::pair<size_t, size_t>(1, kRows + 1)),
                                cols, vals, kEta, test::to_device(dx), test::to_device(vx),
                                test::to_device(vy), ox, col_partial);
  const auto got_x = test::to_host(ox), got_t = test::to_host(col_partial);

  // The dense product with P_s (entries below rho as zeros).
  for (size_t i = 0; i < kRows; ++i) {
    double s = 0, scale = std::abs(dx[i] * vx[i]);
    for (size_t j = 0; j < kCols; ++j)
      if (f.p[i * kCols + j] >= rho) {
        s += f.p[i * kCols + j] * vy[j];
        scale += kEta * std::abs(f.p[i * kCols + j] * vy[j]);
      }
    EXPECT_NEAR(got_x[i], dx[i] * vx[i] + kEta * s, 1e-14 * scale) << "row " << i;
  }
  for (size_t j = 0; j < kCols; ++j) {
    double s = 0, scale = 0;
    for (size_t i = 0; i < kRows; ++i)
      if (f.p[i * kCols + j] >= rho) {
        s += f.p[i * kCols + j] * vx[i];
        scale += std::abs(f.p[i * kCols + j] * vx[i]);
      }
    EXPECT_NEAR(got_t[j], kEta * s, 1e-14 * kEta * scale + 1e-300) << "column " << j;
  }

  // What the Newton matrix computed before the fusion: diag ∘ v, then spmv "N" and "T".
  kernels::CsrMatrix a("ps", static_cast<int>(kRows), static_cast<int>(kCols), nnz, vals,
                       row_ptr, cols);
  kernels::Vector want_x("want_x", kRows), want_t("want_t", kCols);
  const kernels::Vector vxd = test::to_device(vx);
  kernels::pointwise_mult(test::to_device(dx), vxd, want_x);
  KokkosSparse::spmv("N", kEta, a, test::to_device(vy), 1.0, want_x);
  KokkosSparse::spmv("T", kEta, a, vxd, 0.0, want_t);
  // Bitwise on Serial without FMA contraction (tests/harness/fp_contract.hpp); the oracle
  // checks above hold in every build.
  if (std::is_same<kernels::ExecSpace, Kokkos::Serial>::value && !test::kMayContractFma) {
    const auto wx = test::to_host(want_x), wt = test::to_host(want_t);
    for (size_t i = 0; i < kRows; ++i) EXPECT_EQ(got_x[i], wx[i]) << "row " << i;
    for (size_t j = 0; j < kCols; ++j) EXPECT_EQ(got_t[j], wt[j]) << "column " << j;
  }
}

}  // namespace
}  // namespace las
