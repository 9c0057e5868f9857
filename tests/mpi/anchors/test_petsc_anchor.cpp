// SPDX-License-Identifier: BSD-3-Clause
// las CG against a PETSc solve of the same system: iteration counts, solutions and
// true residuals, on constant and variable coefficients, 2D and 3D.
#include <gtest/gtest.h>

#include <memory>

#include "solvers/anchors/petsc_anchor.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/problems/coefficient_field.hpp"
#include "solvers/problems/poisson_problem.hpp"
#include "solvers/problems/stencil_assembly.hpp"

namespace las {
namespace {

// One PETSc session for the whole test program (PETSc is initialised once per process).
class PetscEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { session_ = std::make_unique<PetscSession>(Comm()); }
  void TearDown() override { session_.reset(); }

 private:
  std::unique_ptr<PetscSession> session_;
};
const auto* const kPetsc = ::testing::AddGlobalTestEnvironment(new PetscEnvironment);

struct Case {
  int dim;
  long long nx, ny, nz;
  const char* kind;
  bool jacobi;
};

class AgainstPetsc : public ::testing::TestWithParam<Case> {};

TEST_P(AgainstPetsc, SameIterationsAndSolution) {
  const Case c = GetParam();
  Comm comm;
  BoxGrid g(comm, c.dim, {c.nx, c.ny, c.nz});
  CoefficientSpec spec;
  spec.kind = c.kind;
  spec.contrast = 100;
  const bool constant = spec.kind == "constant";
  StencilOperator op = constant ? StencilOperator(g, 1.0) : StencilOperator(g, make_coefficient(g, spec));
  const DistVector b = constant ? manufactured_rhs(g, 1.0) : constant_vector(g, 1.0);
  DistCsrMatrix a(g.comm(), assemble_stencil(op));

  CgOptions o;
  o.rtol = 1e-10;
  o.preconditioner = c.jacobi ? CgPreconditioner::Jacobi : CgPreconditioner::None;
  DistVector x = op.create_vector();
  const SolveReport las = solve_cg(op, b, x, o);

  PetscKspOptions po;
  po.ksp_type = "cg";
  po.pc_type = c.jacobi ? "jacobi" : "none";
  po.rtol = 1e-10;
  DistVector xp = a.create_vector();
  const SolveReport ref = solve_with_petsc(a, b, xp, po);

  ASSERT_TRUE(las.converged());
  ASSERT_TRUE(ref.converged()) << to_string(ref.reason);
  // Same algorithm, same stopping test: the counts differ at most when the last
  // residual sits within round-off of the tolerance.
  EXPECT_NEAR(las.iterations, ref.iterations, 1);
  EXPECT_LE(las.true_residual, 1e-10 * las.rhs_norm * 1.05);
  EXPECT_LE(ref.true_residual, 1e-10 * ref.rhs_norm * 1.05);
  DistVector d = x.clone();
  axpy(-1.0, xp, d);
  EXPECT_LT(norm2(d), 1e-8 * norm2(x));
}

INSTANTIATE_TEST_SUITE_P(Problems, AgainstPetsc,
                         ::testing::Values(Case{2, 33, 29, 1, "constant", false},
                                           Case{3, 12, 10, 9, "constant", false},
                                           Case{2, 40, 40, 1, "inclusions", true}));

TEST(PetscAnchor, GamgConvergesAndBadTypeIsNamed) {
  Comm comm;
  BoxGrid g(comm, 2, {40, 40, 1});
  CoefficientSpec spec;
  spec.kind = "inclusions";
  StencilOperator op(g, make_coefficient(g, spec));
  DistCsrMatrix a(g.comm(), assemble_stencil(op));
  const DistVector b = constant_vector(g, 1.0);
  PetscKspOptions po;
  po.pc_type = "gamg";
  po.options = "-pc_gamg_agg_nsmooths 1";
  DistVector x = a.create_vector();
  const SolveReport r = solve_with_petsc(a, b, x, po);
  EXPECT_TRUE(r.converged());
  EXPECT_LT(r.iterations, 40);
  po.ksp_type = "no_such_ksp";
  try {
    solve_with_petsc(a, b, x, po);
    ADD_FAILURE() << "an unknown KSP type was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_ksp"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace las
