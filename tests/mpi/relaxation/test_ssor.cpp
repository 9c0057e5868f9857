// SPDX-License-Identifier: BSD-3-Clause
// The SSOR preconditioner against the explicit matrix of MATLAB's ssor_pcg.m,
// M = (D+ωL)ᵀ D⁻¹ (D+ωL) / (ω(2-ω)), built densely from the operator's columns:
// M⁻¹r by Gaussian elimination, symmetry, and a textbook dense PCG with that M
// (same iteration count, same solution). Orderings: lexicographic and multicolour are
// block-Jacobi across ranks (the oracle drops the cross-rank couplings from L and D
// alike, i.e. uses the block diagonal of A), red-black is the global ordering.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "kernels/relaxation.hpp"
#include "relaxation_test_util.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/problems/stencil_assembly.hpp"
#include "solvers/relaxation/ssor_preconditioner.hpp"

namespace las {
namespace {

namespace ref = kernels::reference;

double kappa_field(long long i, long long j, long long k) {
  return 1.0 + 0.6 * std::cos(0.9 * double(i) + 0.3 * double(j)) * (k % 2 ? 0.5 : 1.0);
}

/// One operator/ordering under test with its dense oracle data.
struct Config {
  std::string what;
  const LinearOperator* op;
  SorOrdering ordering;
  std::vector<int> order;  // visiting order of the oracle, DistVector numbering
  bool block_jacobi;
};

class SsorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grid2 = std::make_unique<BoxGrid>(world, 2, std::array<long long, 3>{9, 7, 1});
    grid3 = std::make_unique<BoxGrid>(world, 3, std::array<long long, 3>{5, 4, 3});
    st2 = std::make_unique<StencilOperator>(*grid2, kappa_field, 0.05);
    st3 = std::make_unique<StencilOperator>(*grid3, kappa_field, 0.0);
    csr2 = std::make_unique<DistCsrMatrix>(grid2->comm(), assemble_stencil(*st2));
    const int n2 = int(st2->global_rows());
    setups.push_back({"stencil 2D lexicographic", st2.get(), SorOrdering::Lexicographic, ref::natural_order(n2), true});
    setups.push_back({"stencil 2D red-black", st2.get(), SorOrdering::RedBlack, test::red_black_order(*grid2), false});
    setups.push_back({"stencil 3D red-black", st3.get(), SorOrdering::RedBlack, test::red_black_order(*grid3), false});
    setups.push_back({"csr 2D lexicographic", csr2.get(), SorOrdering::Lexicographic, ref::natural_order(n2), true});
    setups.push_back({"csr 2D multicolor", csr2.get(), SorOrdering::Multicolor, multicolor_order(*csr2), true});
  }

  /// Each rank's greedy colour order of its diagonal block, concatenated in rank order
  /// (the blocks are decoupled in the block-Jacobi oracle, so that is a valid order).
  static std::vector<int> multicolor_order(const DistCsrMatrix& a) {
    const auto col = kernels::csr_greedy_coloring(a.diagonal_block());
    const auto rows = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), col.rows);
    DistVector v = a.create_vector();
    auto h = Kokkos::create_mirror_view(v.view());
    for (size_t t = 0; t < rows.extent(0); ++t) h(t) = double(a.row_offset() + rows(t));
    Kokkos::deep_copy(v.view(), h);
    const auto all = test::gather(v);
    return std::vector<int>(all.begin(), all.end());
  }

  /// The SSOR matrix the preconditioner should apply.
  static ref::Dense oracle_m(const Config& s, double omega) {
    ref::Dense a = test::dense_matrix(*s.op);
    if (s.block_jacobi) {
      const auto own = test::owners(*s.op);
      for (int i = 0; i < a.n; ++i)
        for (int j = 0; j < a.n; ++j)
          if (own[size_t(i)] != own[size_t(j)]) a(i, j) = 0;
    }
    return ref::ssor_matrix(a, omega, s.order);
  }

  Comm world;
  std::unique_ptr<BoxGrid> grid2, grid3;
  std::unique_ptr<StencilOperator> st2, st3;
  std::unique_ptr<DistCsrMatrix> csr2;
  std::vector<Config> setups;
};

TEST_F(SsorTest, ApplyIsTheInverseOfTheExplicitMatrix) {
  for (const auto& s : setups)
    for (double omega : {0.8, 1.0, 1.5}) {
      const SsorPreconditioner m(*s.op, omega, s.ordering);
      const auto r_all = test::truncated_normal(size_t(s.op->global_rows()), 17);
      DistVector r = s.op->create_vector(), z = s.op->create_vector();
      test::scatter(r_all, r);
      m.apply(r, z);
      const auto got = test::gather(z);
      const auto want = ref::dense_solve(oracle_m(s, omega), r_all);
      double err = 0, scale = 0;
      for (size_t i = 0; i < got.size(); ++i)
        err = std::max(err, std::abs(got[i] - want[i])), scale = std::max(scale, std::abs(want[i]));
      EXPECT_LE(err, 1e-12 * scale) << s.what << " omega " << omega;
    }
}

TEST_F(SsorTest, IsSymmetricPositiveDefinite) {
  for (const auto& s : setups)
    for (double omega : {0.8, 1.5, 1.9}) {
      const SsorPreconditioner m(*s.op, omega, s.ordering);
      const size_t n = size_t(s.op->global_rows());
      DistVector x = s.op->create_vector(), y = s.op->create_vector();
      DistVector mx = s.op->create_vector(), my = s.op->create_vector();
      test::scatter(test::truncated_normal(n, 21), x);
      test::scatter(test::truncated_normal(n, 22), y);
      m.apply(x, mx);
      m.apply(y, my);
      const double xmy = dot(x, my), ymx = dot(y, mx);
      EXPECT_NEAR(xmy, ymx, 1e-12 * (std::abs(xmy) + norm2(x) * norm2(my))) << s.what << " omega " << omega;
      EXPECT_GT(dot(x, mx), 0) << s.what;
      EXPECT_GT(dot(y, my), 0) << s.what;
    }
}

TEST_F(SsorTest, PcgMatchesTheDenseOraclePcg) {
  for (const auto& s : setups)
    for (double omega : {1.0, 1.5}) {
      const SsorPreconditioner m(*s.op, omega, s.ordering);
      const size_t n = size_t(s.op->global_rows());
      const auto b_all = test::truncated_normal(n, 31);
      DistVector b = s.op->create_vector(), x = s.op->create_vector();
      test::scatter(b_all, b);
      CgOptions o;
      o.rtol = 1e-10;
      const SolveReport rep = solve_pcg(*s.op, m, b, x, o);
      ASSERT_TRUE(rep.converged()) << s.what << ": " << to_string(rep.reason);

      std::vector<double> x_ref;
      const int its = ref::dense_pcg(test::dense_matrix(*s.op), oracle_m(s, omega), b_all, x_ref, 1e-10, 1000);
      EXPECT_EQ(rep.iterations, its) << s.what << " omega " << omega;
      const auto got = test::gather(x);
      double err = 0, scale = 0;
      for (size_t i = 0; i < n; ++i)
        err = std::max(err, std::abs(got[i] - x_ref[i])), scale = std::max(scale, std::abs(x_ref[i]));
      EXPECT_LE(err, 1e-9 * scale) << s.what << " omega " << omega;
      EXPECT_LE(rep.true_residual, 1.01e-10 * rep.rhs_norm) << s.what;
    }
}

TEST_F(SsorTest, BadOmegaIsAConfigError) {
  for (double w : {0.0, 2.0, -1.0, 3.0}) EXPECT_THROW(SsorPreconditioner(*st2, w), ConfigError) << w;
  EXPECT_THROW(SsorPreconditioner(*st2, 1.2, SorOrdering::Multicolor), ConfigError);
  EXPECT_THROW(SsorPreconditioner(*csr2, 1.2, SorOrdering::RedBlack), ConfigError);
  SsorPreconditioner m(*st2, 1.2, SorOrdering::RedBlack);
  EXPECT_EQ(m.name(), "ssor(omega=1.2, red-black)");
  EXPECT_THROW(m.set_omega(2.0), ConfigError);
  m.set_omega(1.7);
  EXPECT_EQ(m.omega(), 1.7);
}

}  // namespace
}  // namespace las
