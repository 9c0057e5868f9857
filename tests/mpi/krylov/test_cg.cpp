// SPDX-License-Identifier: BSD-3-Clause
// CG and Jacobi-PCG on both operator kinds, against independent truths: the
// manufactured solution (second-order convergence of the discretisation), the
// assembled matrix (same iterates as the matrix-free stencil), and the breakdown
// cases a solver must report instead of returning garbage.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/problems/coefficient_field.hpp"
#include "solvers/problems/poisson_problem.hpp"
#include "solvers/problems/stencil_assembly.hpp"

namespace las {
namespace {

double max_error(const DistVector& x, const DistVector& exact) {
  DistVector d = x.clone();
  axpy(-1.0, exact, d);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), d.view());
  double m = 0;
  for (size_t i = 0; i < h.extent(0); ++i) m = std::max(m, std::abs(h(i)));
  return x.comm().max(m);
}

// Solves -Δu = f on an n^dim grid and returns the max-norm error to the exact u.
double discretisation_error(int dim, long long n) {
  Comm comm;
  BoxGrid g(comm, dim, {n, n, dim == 3 ? n : 1});
  StencilOperator a(g, 1.0);
  DistVector b = manufactured_rhs(g, 1.0), x = a.create_vector();
  CgOptions o;
  o.rtol = 1e-12;
  const SolveReport r = solve_cg(a, b, x, o);
  EXPECT_TRUE(r.converged()) << to_string(r.reason);
  return max_error(x, manufactured_solution(g));
}

TEST(Cg, ManufacturedSolutionConvergesAtSecondOrder) {
  for (int dim : {2, 3}) {
    const long long n0 = dim == 2 ? 15 : 7;  // h = 1/16, 1/8 then halved twice
    double prev = discretisation_error(dim, n0);
    for (long long n = 2 * n0 + 1; n <= 4 * n0 + 3; n = 2 * n + 1) {
      const double e = discretisation_error(dim, n);
      const double rate = std::log2(prev / e);
      EXPECT_NEAR(rate, 2.0, 0.1) << dim << "D, n = " << n << ": error " << e;
      prev = e;
    }
  }
}

TEST(Cg, MatrixFreeAndAssembledGiveTheSameIterates) {
  Comm comm;
  BoxGrid g(comm, 2, {37, 23, 1});
  CoefficientSpec spec;
  // A mild contrast keeps CG far from n iterations: in the long, irregular runs of a
  // high-contrast problem the rounding differences of the two summation orders grow
  // into different iteration counts, and the iterates no longer identify each other.
  spec.kind = "inclusions", spec.contrast = 4, spec.count = 4, spec.radius = 0.2;
  StencilOperator stencil(g, make_coefficient(g, spec));
  DistCsrMatrix csr(g.comm(), assemble_stencil(stencil));
  const DistVector b = constant_vector(g, 1.0);
  for (auto pc : {CgPreconditioner::None, CgPreconditioner::Jacobi}) {
    CgOptions o;
    o.rtol = 1e-10;
    o.preconditioner = pc;
    DistVector x1 = stencil.create_vector(), x2 = csr.create_vector();
    const SolveReport r1 = solve_cg(stencil, b, x1, o);
    const SolveReport r2 = solve_cg(csr, b, x2, o);
    ASSERT_TRUE(r1.converged());
    EXPECT_EQ(r1.iterations, r2.iterations);
    EXPECT_LE(r1.true_residual, 1.01e-10 * r1.rhs_norm);
    DistVector d = x1.clone();
    axpy(-1.0, x2, d);
    EXPECT_LT(norm2(d), 1e-9 * norm2(x1));
    ASSERT_EQ(r1.residual_history.size(), size_t(r1.iterations) + 1);
    // The first iterations agree to round-off; later, once CG's loss of orthogonality
    // sets in, the two summation orders drift apart (measured: 1e-5 relative by k ~ 40)
    // while still converging in the same number of steps to the same solution.
    for (size_t k = 0; k <= 10; ++k)
      EXPECT_NEAR(r1.residual_history[k], r2.residual_history[k], 1e-10 * r1.residual_history[0]) << k;
  }
}

TEST(Cg, JacobiHelpsOnHighContrast) {
  Comm comm;
  BoxGrid g(comm, 2, {48, 48, 1});
  CoefficientSpec spec;
  spec.kind = "layered", spec.contrast = 1e4, spec.layers = 5;
  StencilOperator a(g, make_coefficient(g, spec));
  const DistVector b = constant_vector(g, 1.0);
  CgOptions o;
  o.rtol = 1e-8;
  DistVector x = a.create_vector();
  const int plain = solve_cg(a, b, x, o).iterations;
  o.preconditioner = CgPreconditioner::Jacobi;
  fill(x, 0.0);
  const SolveReport jac = solve_cg(a, b, x, o);
  EXPECT_TRUE(jac.converged());
  EXPECT_LT(jac.iterations, plain);
}

TEST(Cg, ReportsMaxIterationsIndefiniteAndNan) {
  Comm comm;
  BoxGrid g(comm, 2, {20, 20, 1});
  const DistVector b = constant_vector(g, 1.0);
  CgOptions o;
  o.max_iterations = 3;
  StencilOperator spd(g, 1.0);
  DistVector x = spd.create_vector();
  SolveReport r = solve_cg(spd, b, x, o);
  EXPECT_EQ(r.reason, SolveReason::DivergedMaxIterations);
  EXPECT_EQ(r.iterations, 3);

  // A large negative shift makes the operator negative definite: p·Ap < 0 at once.
  StencilOperator neg(g, 1.0, -1e6);
  fill(x, 0.0);
  o.max_iterations = 100;
  r = solve_cg(neg, b, x, o);
  EXPECT_EQ(r.reason, SolveReason::DivergedIndefinite);

  DistVector bad = b.clone();
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), bad.view());
  if (comm.rank() == comm.size() - 1) h(0) = std::numeric_limits<double>::quiet_NaN();
  Kokkos::deep_copy(bad.view(), h);
  fill(x, 0.0);
  r = solve_cg(spd, bad, x, o);
  EXPECT_EQ(r.reason, SolveReason::DivergedNan);
}

TEST(Cg, ZeroRightHandSideConvergesAtOnce) {
  Comm comm;
  BoxGrid g(comm, 3, {6, 5, 4});
  StencilOperator a(g, 1.0);
  DistVector b = a.create_vector(), x = a.create_vector();
  CgOptions o;
  o.atol = 1e-30;
  const SolveReport r = solve_cg(a, b, x, o);
  EXPECT_TRUE(r.converged());
  EXPECT_EQ(r.iterations, 0);
}

}  // namespace
}  // namespace las
