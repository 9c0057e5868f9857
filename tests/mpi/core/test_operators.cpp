// SPDX-License-Identifier: BSD-3-Clause
// The distributed operators against independent truths: the matrix-free stencil
// against its assembled CSR matrix and against the serial cell-by-cell oracle on the
// whole grid; the CSR import plan on a matrix with long-range couplings.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "kernels/reference/stencil_ref.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/problems/coefficient_field.hpp"
#include "solvers/problems/stencil_assembly.hpp"

namespace las {
namespace {

std::vector<double> host(const DistVector& v) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  return std::vector<double>(h.data(), h.data() + h.extent(0));
}

// x(i,j,k) = a smooth function of the global position, so any rank count agrees.
double field(long long i, long long j, long long k) { return std::sin(0.3 * i + 0.7 * j + 1.1 * k) + 0.01 * i; }

DistVector filled(const BoxGrid& g) {
  DistVector v(g.comm(), g.local_cells());
  auto h = Kokkos::create_mirror_view(v.view());
  const auto n = g.local_extent();
  const auto o = g.offset();
  size_t p = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i) h(p++) = field(o[0] + i, o[1] + j, o[2] + k);
  Kokkos::deep_copy(v.view(), h);
  return v;
}

struct Shape {
  int dim;
  long long nx, ny, nz;
  const char* kind;
};

class OperatorShapes : public ::testing::TestWithParam<Shape> {};

TEST_P(OperatorShapes, StencilMatchesOracleAndAssembledMatrix) {
  const Shape s = GetParam();
  Comm comm;
  BoxGrid g(comm, s.dim, {s.nx, s.ny, s.nz});
  CoefficientSpec spec;
  spec.kind = s.kind;
  spec.count = 3, spec.radius = 0.3, spec.contrast = 50;
  const NodeCoefficient kappa = make_coefficient(g, spec);
  StencilOperator op(g, kappa, 0.5);
  const DistVector x = filled(g);
  DistVector y = op.create_vector();
  const double xy = op.apply_dot(x, y);

  // Oracle on the global grid: face coefficients from the same κ and harmonic mean.
  const auto ge = g.global_extent();
  const double h2[3] = {std::pow(1.0 / (ge[0] + 1), 2), std::pow(1.0 / (ge[1] + 1), 2), std::pow(1.0 / (ge[2] + 1), 2)};
  kernels::reference::FaceCoefficient coef{[&](int a, int i, int j, int k) {
    long long lo[3] = {i, j, k};
    lo[a] -= 1;
    const double ka = kappa(lo[0], lo[1], lo[2]), kb = kappa(i, j, k);
    return 2 * ka * kb / (ka + kb) / h2[a];
  }};
  auto u = [&](int i, int j, int k) {
    const bool inside = i >= 0 && j >= 0 && k >= 0 && i < ge[0] && j < ge[1] && k < ge[2];
    return inside ? field(i, j, k) : 0.0;
  };
  const auto global = kernels::reference::stencil_apply(s.dim, int(ge[0]), int(ge[1]), int(ge[2]), coef, 0.5, u);
  const auto got = host(y);
  const auto n = g.local_extent();
  const auto o = g.offset();
  size_t p = 0;
  double oracle_dot = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i, ++p) {
        const double e = global[size_t(o[0] + i) + size_t(ge[0]) * (size_t(o[1] + j) + size_t(ge[1]) * (o[2] + k))];
        ASSERT_NEAR(got[p], e, 1e-9 * (1 + std::abs(e))) << "cell " << p;
        oracle_dot += e * field(o[0] + i, o[1] + j, o[2] + k);
      }
  EXPECT_NEAR(xy, comm.sum(oracle_dot), 1e-9 * std::abs(xy));

  // The assembled matrix gives the same product, is symmetric, and has the same diagonal.
  DistCsrMatrix a(g.comm(), assemble_stencil(op));
  EXPECT_EQ(a.global_nonzeros(), op.global_nonzeros());
  EXPECT_LT(a.symmetry_defect(), 1e-14);
  DistVector z = a.create_vector();
  a.apply(x, z);
  const auto zc = host(z);
  for (size_t q = 0; q < zc.size(); ++q) ASSERT_NEAR(zc[q], got[q], 1e-9 * (1 + std::abs(got[q])));
  DistVector d1 = op.create_vector(), d2 = op.create_vector();
  op.diagonal(d1);
  a.diagonal(d2);
  const auto h1 = host(d1), h2v = host(d2);
  for (size_t q = 0; q < h1.size(); ++q) ASSERT_NEAR(h1[q], h2v[q], 1e-9 * h1[q]);
}

INSTANTIATE_TEST_SUITE_P(Kinds, OperatorShapes,
                         ::testing::Values(Shape{2, 9, 7, 1, "constant"}, Shape{2, 9, 7, 1, "inclusions"},
                                           Shape{2, 5, 13, 1, "layered"}, Shape{3, 6, 5, 4, "constant"},
                                           Shape{3, 6, 5, 4, "inclusions"}, Shape{3, 4, 4, 7, "layered"}));

TEST(DistCsrMatrix, LongRangeCouplingsAndSymmetryDefect) {
  // Row i couples to i±1 and to n-1-i: every rank needs ghosts from every other rank.
  Comm comm;
  const long long n = 23;
  long long local = 0, offset = 0;
  block_rows(n, comm, local, offset);
  CsrRows rows;
  rows.global_rows = rows.global_cols = n;
  rows.row_offset = offset;
  std::vector<double> dense(n * n, 0.0);
  for (long long i = 0; i < n; ++i) {
    dense[i * n + i] += 4;
    if (i > 0) dense[i * n + i - 1] += -1;
    if (i + 1 < n) dense[i * n + i + 1] += -1;
    dense[i * n + (n - 1 - i)] += 0.5;
  }
  for (long long i = offset; i < offset + local; ++i) {
    for (long long j = 0; j < n; ++j)
      if (dense[i * n + j] != 0) rows.cols.push_back(j), rows.values.push_back(dense[i * n + j]);
    rows.row_ptr.push_back(rows.cols.size());
  }
  DistCsrMatrix a(comm, rows);
  EXPECT_LT(a.symmetry_defect(), 1e-15);
  DistVector x = a.create_vector(), y = a.create_vector();
  auto hx = Kokkos::create_mirror_view(x.view());
  for (long long i = 0; i < local; ++i) hx(i) = 1.0 + 0.1 * (offset + i);
  Kokkos::deep_copy(x.view(), hx);
  a.apply(x, y);
  const auto hy = host(y);
  for (long long i = 0; i < local; ++i) {
    double e = 0;
    for (long long j = 0; j < n; ++j) e += dense[(offset + i) * n + j] * (1.0 + 0.1 * j);
    ASSERT_NEAR(hy[i], e, 1e-13) << "row " << offset + i;
  }

  // Perturb one entry above the diagonal: the defect is its size relative to the
  // largest entry (4.5, on the row where column n-1-i is the diagonal).
  CsrRows bent = rows;
  if (offset == 0) bent.values[1] += 0.25;  // row 0's entry in column 1
  DistCsrMatrix b(comm, bent);
  EXPECT_NEAR(b.symmetry_defect(), 0.25 / *std::max_element(dense.begin(), dense.end()), 1e-15);
}

TEST(DistCsrMatrix, RejectsNonSquareAndOutOfRange) {
  Comm comm;
  long long local = 0, offset = 0;
  block_rows(4, comm, local, offset);
  CsrRows rows;
  rows.global_rows = 4, rows.global_cols = 5, rows.row_offset = offset;
  for (long long i = 0; i < local; ++i) rows.cols.push_back(offset + i), rows.values.push_back(1), rows.row_ptr.push_back(rows.cols.size());
  EXPECT_THROW(DistCsrMatrix(comm, rows), InputError);
  rows.global_cols = 4;
  if (offset == 0 && local > 0) rows.cols[0] = 9;
  EXPECT_THROW(DistCsrMatrix(comm, rows), InputError);
}

}  // namespace
}  // namespace las
