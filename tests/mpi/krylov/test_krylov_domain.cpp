// SPDX-License-Identifier: BSD-3-Clause
// DCDM and flexible CG on a masked domain and on a pure-Neumann problem. Truths: CG on
// an explicitly masked operator written here (not the solvers' projector), the
// inside residual recomputed with the full operator, a known mean-free solution of the
// singular system, and the incompatible right-hand side reported as an input error.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>

#include "direction_test_support.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/krylov/fcg.hpp"
#include "solvers/problems/stencil_assembly.hpp"

namespace las {
namespace {

using testing::ExactInverseNet;
using testing::JacobiPc;
using testing::NonlinearJacobiNet;

/// y = P A P x + (I - P) x with P = diag(mask): the inside block of A, identity outside.
/// SPD, so plain CG solves the masked system with it: the independent truth.
class MaskedOperator final : public LinearOperator {
 public:
  MaskedOperator(const LinearOperator& a, DistVector mask)
      : a_(a), mask_(std::move(mask)), t_(a.create_vector()), u_(a.create_vector()) {}
  const Comm& comm() const override { return a_.comm(); }
  DistVector create_vector(const std::string& label) const override { return a_.create_vector(label); }
  long long global_rows() const override { return a_.global_rows(); }
  void apply(const DistVector& x, DistVector& y) const override {
    kernels::pointwise_mult(mask_.view(), x.view(), t_.view());
    a_.apply(t_, u_);
    const auto m = mask_.view(), xv = x.view(), uv = u_.view(), yv = y.view();
    Kokkos::parallel_for("test::masked", kernels::range(yv.extent(0)), KOKKOS_LAMBDA(size_t i) {
      yv(i) = m(i) * uv(i) + (1.0 - m(i)) * xv(i);
    });
  }
  void diagonal(DistVector& d) const override {
    a_.diagonal(d);
    const auto m = mask_.view(), dv = d.view();
    Kokkos::parallel_for("test::masked_diag", kernels::range(dv.extent(0)), KOKKOS_LAMBDA(size_t i) {
      dv(i) = m(i) * dv(i) + (1.0 - m(i));
    });
  }
  long long global_nonzeros() const override { return a_.global_nonzeros(); }
  std::string description() const override { return "masked " + a_.description(); }

 private:
  const LinearOperator& a_;
  DistVector mask_;
  mutable DistVector t_, u_;
};

DistVector disk_mask(const BoxGrid& g) {
  return testing::grid_field(g, [](double x, double y, double) {
    return (x - 0.45) * (x - 0.45) + (y - 0.5) * (y - 0.5) < 0.33 * 0.33 ? 1.0 : 0.0;
  });
}

// Largest |x_i| over the cells where mask_i == 0 (exact zero expected).
double max_outside(const DistVector& x, const DistVector& mask) {
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), x.view());
  auto hm = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), mask.view());
  double m = 0;
  for (size_t i = 0; i < hx.extent(0); ++i)
    if (hm(i) == 0.0) m = std::max(m, std::abs(hx(i)));
  return x.comm().max(m);
}

double relative_difference(const DistVector& x, const DistVector& y) {
  DistVector d = x.clone();
  axpy(-1.0, y, d);
  return norm2(d) / norm2(y);
}

TEST(KrylovDomain, MaskedSolveKeepsOutsideZeroAndSolvesTheInsideSystem) {
  Comm comm;
  BoxGrid g(comm, 2, {44, 40, 1});
  StencilOperator a(g, 1.0);
  const DistVector mask = disk_mask(g);
  const DistVector b = testing::wavy_rhs(g);  // non-zero outside too: must be ignored
  const MaskedOperator masked(a, mask);
  DistVector pb = b.clone();
  kernels::pointwise_mult(mask.view(), b.view(), pb.view());
  CgOptions co;
  co.rtol = 1e-12;
  DistVector truth = a.create_vector();
  ASSERT_TRUE(solve_cg(masked, pb, truth, co).converged());

  const NonlinearJacobiNet net(a, 3);
  const JacobiPc jacobi(a);
  const ExactInverseNet exact(masked);
  for (int solver = 0; solver < 4; ++solver) {
    DistVector x = testing::grid_field(g, [](double px, double py, double) { return 3 + px - py; });
    SolveReport r;
    DirectionSolverOptions base;
    base.rtol = 1e-10;
    base.domain.mask = mask;
    if (solver < 2) {
      DcdmOptions o;
      static_cast<DirectionSolverOptions&>(o) = base;
      r = solver == 0 ? solve_dcdm(a, net, b, x, o) : solve_dcdm(a, exact, b, x, o);
      if (solver == 1) {
        EXPECT_EQ(r.iterations, 1) << "exact inverse of the inside block";
      }
    } else {
      FcgOptions o;
      static_cast<DirectionSolverOptions&>(o) = base;
      r = solver == 2 ? solve_fcg(a, jacobi, b, x, o) : solve_fcg(a, net, b, x, o);
    }
    ASSERT_TRUE(r.converged()) << r.method << ": " << to_string(r.reason);
    EXPECT_EQ(max_outside(x, mask), 0.0) << r.method;
    EXPECT_LT(relative_difference(x, truth), 1e-7) << r.method;
    EXPECT_NEAR(r.rhs_norm, norm2(pb), 1e-12 * norm2(pb));
    // Inside residual with the full operator, computed here.
    DistVector ax = a.create_vector();
    a.apply(x, ax);
    DistVector res = pb.clone();
    axpy(-1.0, ax, res);
    kernels::pointwise_mult(mask.view(), res.view(), res.view());
    EXPECT_LE(norm2(res), 1.01e-10 * norm2(pb)) << r.method;
    EXPECT_NEAR(r.true_residual, norm2(res), 1e-12 * norm2(pb)) << r.method;
  }
}

TEST(KrylovDomain, BadMasksAreInputErrors) {
  Comm comm;
  BoxGrid g(comm, 2, {12, 10, 1}), other(comm, 2, {11, 10, 1});
  StencilOperator a(g, 1.0);
  const DistVector b = testing::wavy_rhs(g);
  const testing::IdentityNet id;
  DcdmOptions o;
  DistVector x = a.create_vector();
  o.domain.mask = testing::grid_field(g, [](double px, double, double) { return px < 0.5 ? 1.0 : 0.5; });
  EXPECT_THROW(solve_dcdm(a, id, b, x, o), InputError);
  o.domain.mask = testing::grid_field(other, [](double, double, double) { return 1.0; });
  EXPECT_THROW(solve_dcdm(a, id, b, x, o), InputError);
  o.domain.mask = testing::grid_field(g, [](double, double, double) { return 0.0; });
  EXPECT_THROW(solve_dcdm(a, id, b, x, o), InputError);
}

/// The pure-Neumann Laplacian: the Dirichlet stencil's matrix with each diagonal set to
/// minus its row's off-diagonal sum, so every row sums to zero (A 1 = 0).
DistCsrMatrix neumann_matrix(const StencilOperator& dirichlet) {
  CsrRows rows = assemble_stencil(dirichlet);
  for (long long i = 0; i < rows.local_rows(); ++i) {
    double off = 0;
    size_t diag = rows.row_ptr[i + 1];
    for (size_t k = rows.row_ptr[i]; k < rows.row_ptr[i + 1]; ++k) {
      if (rows.cols[k] == rows.row_offset + i)
        diag = k;
      else
        off += rows.values[k];
    }
    EXPECT_LT(diag, rows.row_ptr[i + 1]) << "row without a diagonal";
    rows.values[diag] = -off;
  }
  return DistCsrMatrix(dirichlet.comm(), rows);
}

double global_mean(const DistVector& v) {
  return v.comm().sum(kernels::sum(v.view())) / static_cast<double>(v.global_size());
}

TEST(KrylovDomain, NeumannProblemConvergesAndIncompatibleRhsIsReported) {
  Comm comm;
  BoxGrid g(comm, 2, {36, 31, 1});
  StencilOperator dirichlet(g, 1.0);
  const DistCsrMatrix a = neumann_matrix(dirichlet);
  // A known mean-free solution and its right-hand side (compatible by construction).
  DistVector exact = testing::grid_field(g, [](double x, double y, double) {
    return std::cos(3 * x) + x * y * y - std::sin(2 * y);
  });
  axpy(-global_mean(exact), testing::grid_field(g, [](double, double, double) { return 1.0; }), exact);
  DistVector b = a.create_vector();
  a.apply(exact, b);
  ASSERT_LT(std::abs(global_mean(b)) * std::sqrt(double(b.global_size())), 1e-12 * norm2(b));

  const NonlinearJacobiNet net(a, 3);
  const JacobiPc jacobi(a);
  const DistVector ones = testing::grid_field(g, [](double, double, double) { return 1.0; });
  for (int incompatible = 0; incompatible < 2; ++incompatible) {
    DistVector rhs = b.clone();
    if (incompatible) axpy(0.05 * norm2(b) / std::sqrt(double(b.global_size())), ones, rhs);
    for (int solver = 0; solver < 2; ++solver) {
      DistVector x = a.create_vector();
      fill(x, 2.5);  // a constant start: projected away, not carried into x
      DirectionSolverOptions base;
      base.rtol = 1e-10;
      base.domain.neumann = true;
      auto run = [&]() {
        if (solver == 0) {
          DcdmOptions o;
          static_cast<DirectionSolverOptions&>(o) = base;
          return solve_dcdm(a, net, rhs, x, o);
        }
        FcgOptions o;
        static_cast<DirectionSolverOptions&>(o) = base;
        return solve_fcg(a, jacobi, rhs, x, o);
      };
      if (incompatible) {
        try {
          run();
          ADD_FAILURE() << "incompatible right-hand side accepted";
        } catch (const InputError& e) {
          EXPECT_NE(std::string(e.what()).find("incompatible"), std::string::npos) << e.what();
        }
        // Asked to, the solver drops b's constant part: the least-squares solution.
        base.domain.project_incompatible_rhs = true;
      }
      const SolveReport r = run();
      ASSERT_TRUE(r.converged()) << r.method << ": " << to_string(r.reason);
      EXPECT_LT(relative_difference(x, exact), 1e-6) << r.method;
      EXPECT_LT(std::abs(global_mean(x)), 1e-12 * norm2(exact)) << r.method;
      RecordProperty(r.method + (incompatible ? "_projected" : "_compatible"), r.iterations);
    }
  }
}

}  // namespace
}  // namespace las
