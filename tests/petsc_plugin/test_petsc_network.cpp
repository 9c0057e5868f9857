// SPDX-License-Identifier: BSD-3-Clause
// PCLASNN and KSPLASDCDM against las itself, at 1 and 2 ranks, 2D and 3D:
//  - the PC's output on a DMDA Vec equals las's NetworkPreconditioner on the same field laid
//    out by a BoxGrid built independently from the DMDA's process grid (values compared by
//    global (i, j, k) through DMDAVecGetArray, so the local ordering is checked, not assumed);
//  - a KSPLASDCDM solve takes the iterations of las::solve_dcdm with the same network on the
//    same matrix and reaches the same solution;
//  - operators the network cannot handle end with a PETSc error, not a crash.
#include <gtest/gtest.h>
#include <petscdmda.h>
#include <petscksp.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "solvers/sequences/grid_fields.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/linear_operator.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#include "solvers/petsc/las_petsc.h"
#include "tests/harness/fp_contract.hpp"

namespace las {
namespace {

// PETSc for the whole test program: after the harness's MPI and Kokkos, so the plug-in
// must find Kokkos running and leave it alone.
class PetscEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    PETSC_COMM_WORLD = MPI_COMM_WORLD;
    ASSERT_EQ(PetscInitializeNoArguments(), 0);
    ASSERT_EQ(LasPetscRegisterAll(), 0);
  }
  void TearDown() override { PetscFinalize(); }
};
const auto* const petsc_environment = ::testing::AddGlobalTestEnvironment(new PetscEnvironment);

double field_value(long long i, long long j, long long k) { return std::sin(0.9 * i + 0.4 * j - 0.6 * k) + 0.2; }

// A random-weight network (zero biases, as tests/cli/write_random_dcdm_model writes it)
// in a temporary model file, removed at the end.
struct ModelFile {
  std::string path;
  nn::DcdmNetwork network;
  ModelFile(const Comm& comm, int dim)
      : path(comm.broadcast((std::filesystem::temp_directory_path() /
                             ("las_petsc_net_" + std::to_string(::getpid()) + ".h5")).string())),
        network(nn::DcdmNetwork::random(nn::NetworkArchitecture{dim, 4, 1, 1, 1}, 11)) {
    for (auto& layer : network.layers()) Kokkos::deep_copy(layer.bias, 0.0f);
    io::OutputFile out(comm, path, "test model");
    nn::write_network(out, "network", network);
    out.commit();
  }
  ~ModelFile() {
    MPI_Barrier(MPI_COMM_WORLD);
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0) std::filesystem::remove(path);
  }
};

// The 5/7-point Laplacian with zero Dirichlet values outside the grid (symmetric positive
// definite) on a DMDA, assembled by global (i, j, k).
struct DmdaProblem {
  DM da = nullptr;
  Mat a = nullptr;
  int dim;
  PetscInt n;
  DmdaProblem(int d, PetscInt size, PetscInt dof = 1, DMBoundaryType boundary = DM_BOUNDARY_NONE) : dim(d), n(size) {
    if (dim == 2)
      DMDACreate2d(PETSC_COMM_WORLD, boundary, boundary, DMDA_STENCIL_STAR, n, n, PETSC_DECIDE, PETSC_DECIDE, dof, 1,
                   nullptr, nullptr, &da);
    else
      DMDACreate3d(PETSC_COMM_WORLD, boundary, boundary, boundary, DMDA_STENCIL_STAR, n, n, n, PETSC_DECIDE,
                   PETSC_DECIDE, PETSC_DECIDE, dof, 1, nullptr, nullptr, nullptr, &da);
    DMSetUp(da);
    DMCreateMatrix(da, &a);
    if (dof != 1) return;
    PetscInt xs, ys, zs, xm, ym, zm;
    DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm);
    for (PetscInt k = zs; k < zs + zm; ++k)
      for (PetscInt j = ys; j < ys + ym; ++j)
        for (PetscInt i = xs; i < xs + xm; ++i) {
          MatStencil row{k, j, i, 0}, cols[7];
          PetscScalar v[7];
          int c = 0;
          for (int axis = 0; axis < dim; ++axis)
            for (int side = -1; side <= 1; side += 2) {
              PetscInt nb[3] = {i, j, k};
              nb[axis] += side;
              if (nb[axis] < 0 || nb[axis] >= n) continue;
              cols[c] = MatStencil{nb[2], nb[1], nb[0], 0};
              v[c++] = -1.0;
            }
          cols[c] = row;
          v[c++] = 2.0 * dim;
          MatSetValuesStencil(a, 1, &row, c, cols, v, INSERT_VALUES);
        }
    MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY);
    MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY);
  }
  ~DmdaProblem() {
    MatDestroy(&a);
    DMDestroy(&da);
  }
  // The las grid with the DMDA's process grid (BoxGrid's own balanced split).
  BoxGrid box_grid(const Comm& comm) const {
    PetscInt px, py, pz;
    DMDAGetInfo(da, nullptr, nullptr, nullptr, nullptr, &px, &py, &pz, nullptr, nullptr, nullptr, nullptr, nullptr,
                nullptr);
    return BoxGrid(comm, dim, {n, n, dim == 3 ? n : 1}, {int(px), int(py), dim == 3 ? int(pz) : 1});
  }
  // The field on the DMDA, written by global index.
  Vec field() const {
    Vec v;
    DMCreateGlobalVector(da, &v);
    PetscInt xs, ys, zs, xm, ym, zm;
    DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm);
    if (dim == 2) {
      PetscScalar** x;
      DMDAVecGetArray(da, v, &x);
      for (PetscInt j = ys; j < ys + ym; ++j)
        for (PetscInt i = xs; i < xs + xm; ++i) x[j][i] = field_value(i, j, 0);
      DMDAVecRestoreArray(da, v, &x);
    } else {
      PetscScalar*** x;
      DMDAVecGetArray(da, v, &x);
      for (PetscInt k = zs; k < zs + zm; ++k)
        for (PetscInt j = ys; j < ys + ym; ++j)
          for (PetscInt i = xs; i < xs + xm; ++i) x[k][j][i] = field_value(i, j, k);
      DMDAVecRestoreArray(da, v, &x);
    }
    return v;
  }
  // Largest |v(i,j,k) - las(i,j,k)| over this rank's cells, las laid out x-fastest by `grid`.
  double max_difference(Vec v, const BoxGrid& grid, const DistVector& las) const {
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), las.view());
    const auto& o = grid.offset();
    const auto& e = grid.local_extent();
    auto local = [&](PetscInt i, PetscInt j, PetscInt k) {
      return h((i - o[0]) + e[0] * ((j - o[1]) + static_cast<long long>(e[1]) * (k - o[2])));
    };
    double worst = 0;
    PetscInt xs, ys, zs, xm, ym, zm;
    DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm);
    if (dim == 2) {
      const PetscScalar** x;
      DMDAVecGetArrayRead(da, v, &x);
      for (PetscInt j = ys; j < ys + ym; ++j)
        for (PetscInt i = xs; i < xs + xm; ++i) worst = std::max(worst, std::abs(x[j][i] - local(i, j, 0)));
      DMDAVecRestoreArrayRead(da, v, &x);
    } else {
      const PetscScalar*** x;
      DMDAVecGetArrayRead(da, v, &x);
      for (PetscInt k = zs; k < zs + zm; ++k)
        for (PetscInt j = ys; j < ys + ym; ++j)
          for (PetscInt i = xs; i < xs + xm; ++i) worst = std::max(worst, std::abs(x[k][j][i] - local(i, j, k)));
      DMDAVecRestoreArrayRead(da, v, &x);
    }
    return worst;
  }
};

DistVector las_field(const BoxGrid& grid) { return sequences::field_from_indices(grid, field_value, "field"); }

// The PETSc matrix as a las LinearOperator (test-only adapter; the vectors are copied).
class PetscMatOperator final : public LinearOperator {
 public:
  PetscMatOperator(const Comm& comm, Mat a) : comm_(comm), a_(a) {
    MatCreateVecs(a_, &x_, &y_);
    PetscInt n = 0;
    VecGetLocalSize(x_, &n);
    local_ = n;
  }
  ~PetscMatOperator() override {
    VecDestroy(&x_);
    VecDestroy(&y_);
  }
  const Comm& comm() const override { return comm_; }
  DistVector create_vector(const std::string& label) const override { return DistVector(comm_, local_, label); }
  long long global_rows() const override {
    PetscInt n = 0;
    MatGetSize(a_, &n, nullptr);
    return n;
  }
  void apply(const DistVector& x, DistVector& y) const override {
    copy_in(x, x_);
    MatMult(a_, x_, y_);
    copy_out(y_, y);
  }
  void diagonal(DistVector& d) const override {
    MatGetDiagonal(a_, y_);
    copy_out(y_, d);
  }
  long long global_nonzeros() const override {
    MatInfo info;
    MatGetInfo(a_, MAT_GLOBAL_SUM, &info);
    return static_cast<long long>(info.nz_used);
  }
  std::string description() const override { return "PETSc matrix"; }

 private:
  static void copy_in(const DistVector& v, Vec p) {
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
    PetscScalar* a;
    VecGetArray(p, &a);
    for (size_t i = 0; i < h.extent(0); ++i) a[i] = h(i);
    VecRestoreArray(p, &a);
  }
  static void copy_out(Vec p, DistVector& v) {
    auto h = Kokkos::create_mirror_view(v.view());
    const PetscScalar* a;
    VecGetArrayRead(p, &a);
    for (size_t i = 0; i < h.extent(0); ++i) h(i) = a[i];
    VecRestoreArrayRead(p, &a);
    Kokkos::deep_copy(v.view(), h);
  }
  Comm comm_;
  Mat a_;
  Vec x_ = nullptr, y_ = nullptr;
  long long local_ = 0;
};

class PetscNetwork : public ::testing::TestWithParam<int> {};

TEST_P(PetscNetwork, PcApplyEqualsLasNetworkValueForValue) {
  const int dim = GetParam();
  Comm comm;
  ModelFile model(comm, dim);
  DmdaProblem problem(dim, dim == 2 ? 16 : 8);
  const BoxGrid grid = problem.box_grid(comm);
  PC pc;
  ASSERT_EQ(PCCreate(PETSC_COMM_WORLD, &pc), 0);
  ASSERT_EQ(PCSetType(pc, PCLASNN), 0);
  ASSERT_EQ(PCLasNNSetModel(pc, model.path.c_str()), 0);
  ASSERT_EQ(PCSetOperators(pc, problem.a, problem.a), 0);
  ASSERT_EQ(PCSetUp(pc), 0);
  Vec r = problem.field(), z;
  VecDuplicate(r, &z);
  ASSERT_EQ(PCApply(pc, r, z), 0);

  const nn::NetworkPreconditioner reference(grid, model.network);
  const DistVector r_las = las_field(grid);
  DistVector z_las = r_las.similar();
  reference.apply(r_las, z_las);
  // Value for value in the portable build. With FMA contraction the two sides' field
  // formulas and loops (PETSc's arrays, las's views) may be compiled differently: equal
  // to rounding there (tests/harness/fp_contract.hpp).
  const auto rounding = [&](const DistVector& v) {
    double bound = 0;
    if (!test::kMayContractFma) return bound;
    const auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
    for (size_t i = 0; i < h.extent(0); ++i) bound = std::max(bound, 1e-14 * std::abs(h(i)));
    return comm.max(bound);
  };
  EXPECT_LE(problem.max_difference(r, grid, r_las), rounding(r_las));  // the same input, by (i, j, k)
  EXPECT_LE(comm.max(problem.max_difference(z, grid, z_las)), rounding(z_las));
  VecDestroy(&r);
  VecDestroy(&z);
  PCDestroy(&pc);
}

// A random network is a poor direction map, so the solves are compared iteration by
// iteration over a fixed budget rather than to convergence: the same residual history.
TEST_P(PetscNetwork, KspLasDcdmFollowsLasSolveDcdm) {
  const int dim = GetParam();
  const int iterations = 40;
  Comm comm;
  ModelFile model(comm, dim);
  DmdaProblem problem(dim, dim == 2 ? 16 : 8);
  const BoxGrid grid = problem.box_grid(comm);

  KSP ksp;
  ASSERT_EQ(KSPCreate(PETSC_COMM_WORLD, &ksp), 0);
  ASSERT_EQ(KSPSetOperators(ksp, problem.a, problem.a), 0);
  ASSERT_EQ(KSPSetType(ksp, KSPLASDCDM), 0);  // PCLASNN by default
  PC pc;
  KSPGetPC(ksp, &pc);
  ASSERT_EQ(PCLasNNSetModel(pc, model.path.c_str()), 0);
  ASSERT_EQ(KSPSetTolerances(ksp, 1e-12, 0.0, PETSC_DEFAULT, iterations), 0);
  ASSERT_EQ(KSPSetResidualHistory(ksp, nullptr, PETSC_DECIDE, PETSC_TRUE), 0);
  Vec b = problem.field(), x;
  VecDuplicate(b, &x);
  ASSERT_EQ(KSPSolve(ksp, b, x), 0);
  const PetscReal* history = nullptr;
  PetscInt recorded = 0;
  KSPGetResidualHistory(ksp, &history, &recorded);

  const PetscMatOperator op(comm, problem.a);
  const nn::NetworkPreconditioner network(grid, model.network);
  const DistVector b_las = las_field(grid);
  DistVector x_las = b_las.similar();
  DcdmOptions o;
  o.rtol = 1e-12;
  o.max_iterations = iterations;
  o.kept_directions = 2;
  o.refresh_every = 50;     // KSPLASDCDM's default refresh period
  o.stagnation_window = 0;  // PETSc's default test has no stagnation rule
  const SolveReport rep = solve_dcdm(op, network, b_las, x_las, o);

  ASSERT_EQ(recorded, iterations + 1);
  ASSERT_EQ(rep.residual_history.size(), static_cast<size_t>(iterations + 1));
  for (int k = 0; k <= iterations; ++k)
    EXPECT_NEAR(history[k], rep.residual_history[static_cast<size_t>(k)], 1e-9 * history[0]) << "iteration " << k;
  EXPECT_LT(comm.max(problem.max_difference(x, grid, x_las)), 1e-9 * norm2(x_las));
  VecDestroy(&b);
  VecDestroy(&x);
  KSPDestroy(&ksp);
}

INSTANTIATE_TEST_SUITE_P(Dims, PetscNetwork, ::testing::Values(2, 3),
                         [](const ::testing::TestParamInfo<int>& p) { return std::to_string(p.param) + "d"; });

// Operators the network cannot run on: PCSetUp returns a PETSc error on every rank.
TEST(PetscNetworkErrors, UnsupportedDmdaLayoutsAreErrors) {
  Comm comm;
  ModelFile model(comm, 2);
  PetscPushErrorHandler(PetscReturnErrorHandler, nullptr);
  auto setup_fails = [&](const DmdaProblem& problem) {
    PC pc;
    PCCreate(PETSC_COMM_WORLD, &pc);
    PCSetType(pc, PCLASNN);
    PCLasNNSetModel(pc, model.path.c_str());
    PCSetOperators(pc, problem.a, problem.a);
    const PetscErrorCode ierr = PCSetUp(pc);
    PCDestroy(&pc);
    return ierr != 0;
  };
  EXPECT_TRUE(setup_fails(DmdaProblem(2, 16, 2)));                           // dof 2
  EXPECT_TRUE(setup_fails(DmdaProblem(2, 16, 1, DM_BOUNDARY_PERIODIC)));     // periodic
  EXPECT_TRUE(setup_fails(DmdaProblem(2, 14 + 2 * comm.size() - 1)));       // an odd block
  EXPECT_TRUE(setup_fails(DmdaProblem(3, 8)));                               // 2D model, 3D grid
  EXPECT_FALSE(setup_fails(DmdaProblem(2, 16)));
  PetscPopErrorHandler();
}

}  // namespace
}  // namespace las
