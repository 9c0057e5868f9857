// SPDX-License-Identifier: BSD-3-Clause
// The distributed PDE-constrained problem gives the same iterates at any rank count: every
// rank also solves the whole problem alone (a grid on MPI_COMM_SELF), and the run over all
// ranks must match it to rounding (the all-reduced sums are the only arithmetic whose
// order depends on the rank count) with identical iteration counts. Kaczmarz and Gaussian
// sketches, alone and inside the Newton loop.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "solvers/opt/distributed/grid_ada_sketch.hpp"
#include "solvers/opt/distributed/grid_sketch_solver.hpp"
#include "tests/unit/opt/poisson_control_test_util.hpp"

namespace las::opt {
namespace {

constexpr int kN = 16;

double relative_difference(const Vector& a, const Vector& b) {
  double diff = 0, scale = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = std::max(diff, std::abs(a[i] - b[i]));
    scale = std::max(scale, std::abs(b[i]));
  }
  return diff / scale;
}

struct Sketch {
  SketchKind kind;
  int block_size;
};

class PoissonControlRanks : public ::testing::TestWithParam<Sketch> {
 protected:
  SketchOptions sketch_options() const {
    SketchOptions o;
    o.kind = GetParam().kind;
    o.block_size = GetParam().block_size;
    return o;
  }
  const Comm world_;
  const Comm self_{MPI_COMM_SELF};
  const BoxGrid world_grid_{world_, 2, {kN, kN, 1}};
  const BoxGrid self_grid_{self_, 2, {kN, kN, 1}};
};

TEST_P(PoissonControlRanks, SketchSolveIsRankIndependent) {
  SketchOptions options = sketch_options();
  const bool rows = options.kind != SketchKind::Gaussian;
  options.max_iterations = rows ? 3000 : 300;
  Vector result[2];
  long long iterations[2];
  int k = 0;
  for (const BoxGrid* grid : {&world_grid_, &self_grid_}) {
    const PoissonControlGrid problem(*grid);
    GridKktVector b = problem.zero_vector();
    problem.kkt_vector(problem.initial_point(), b);  // −rhs of the first Newton step
    GridKktVector d = problem.zero_vector();
    GridSketchStreams streams(2023);
    const SketchResult r = grid_sketch_solve(problem, b, d, 0.0, options, streams);
    iterations[k] = r.iterations;
    result[k++] = test::gather_stacked(*grid, d);
  }
  EXPECT_EQ(iterations[0], iterations[1]);
  EXPECT_LE(relative_difference(result[0], result[1]), 1e-12);
}

TEST_P(PoissonControlRanks, NewtonLoopIsRankIndependent) {
  AdaSketchOptions options;
  options.sketch = sketch_options();
  options.sketch.max_iterations = 200;
  options.max_iterations = 3;
  OptResult runs[2];
  Vector points[2];
  int k = 0;
  for (const BoxGrid* grid : {&world_grid_, &self_grid_}) {
    const PoissonControlGrid problem(*grid);
    GridKktVector point = problem.initial_point();
    runs[k] = grid_ada_sketch_newton(problem, point, options);
    points[k++] = test::gather_stacked(*grid, point);
  }
  ASSERT_EQ(runs[0].iterations, runs[1].iterations);
  ASSERT_EQ(runs[0].history.size(), runs[1].history.size());
  EXPECT_EQ(runs[0].inner_iterations, runs[1].inner_iterations);
  EXPECT_EQ(runs[0].penalty_updates, runs[1].penalty_updates);
  for (std::size_t i = 0; i < runs[0].history.size(); ++i) {
    const IterationRecord &a = runs[0].history[i], &b = runs[1].history[i];
    EXPECT_EQ(a.inner_iterations, b.inner_iterations) << "iteration " << i;
    EXPECT_EQ(a.step_length, b.step_length) << "iteration " << i;
    EXPECT_NEAR(a.kkt_residual, b.kkt_residual, 1e-12 * b.kkt_residual) << "iteration " << i;
  }
  EXPECT_LE(relative_difference(points[0], points[1]), 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Sketches, PoissonControlRanks,
                         ::testing::Values(Sketch{SketchKind::KaczmarzUniform, 1}, Sketch{SketchKind::KaczmarzRowNorm, 1},
                                           Sketch{SketchKind::BlockKaczmarz, 3}, Sketch{SketchKind::SparseSign, 2},
                                           Sketch{SketchKind::Gaussian, 1},
                                           Sketch{SketchKind::Gaussian, 4}));

}  // namespace
}  // namespace las::opt
