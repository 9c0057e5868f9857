// SPDX-License-Identifier: BSD-3-Clause
// The sketching solvers on a consistent KKT-shaped system [B Jᵀ; J 0] d = b built from a
// known solution d*: every sketch reaches the requested residual and the error to d* is
// bounded by it; the same seed gives the same iterates; the cap and bad options are
// reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/opt/dense_spectra.hpp"
#include "solvers/opt/kkt_operator.hpp"
#include "solvers/opt/problem_set.hpp"
#include "solvers/opt/sketch_solver.hpp"

namespace las::opt {
namespace {

// B = MᵀM + I (SPD, 6 x 6), J 3 x 6 with independent rows: nonsingular and indefinite.
DenseMatrix kkt_test_matrix() {
  learning::Rng rng(11);
  const int n = 6, m = 3;
  DenseMatrix mm(n, n), k(n + m, n + m);
  for (double& v : mm.values) v = 2.0 * rng.uniform() - 1.0;
  const DenseMatrix b = transpose_times(mm, mm);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) k(i, j) = b(i, j) + (i == j ? 1.0 : 0.0);
  for (int r = 0; r < m; ++r)
    for (int c = 0; c < n; ++c) k(n + r, c) = k(c, n + r) = (r == c ? 2.0 : 0.0) + 0.5 * (2.0 * rng.uniform() - 1.0);
  return k;
}

struct Case {
  SketchKind kind;
  int block_size;
};

class SketchKinds : public ::testing::TestWithParam<Case> {};

TEST_P(SketchKinds, ConvergeOnAConsistentSystem) {
  const DenseSymmetricOperator a(kkt_test_matrix());
  const int n = a.size();
  Vector solution(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) solution[static_cast<std::size_t>(i)] = std::sin(1.0 + i);
  const Vector b = multiply(a.matrix(), solution);
  SketchOptions options;
  options.kind = GetParam().kind;
  options.block_size = GetParam().block_size;
  options.sparse_nonzeros = 3;
  const double tolerance = 1e-10 * norm2(b);

  Vector d(static_cast<std::size_t>(n), 0.0);
  learning::Rng rng(2023);
  const SketchResult result = sketch_solve(a, b, d, tolerance, options, rng);
  ASSERT_TRUE(result.converged()) << to_string(options.kind) << ": " << result.iterations
                                  << " iterations, residual " << result.residual;
  EXPECT_LE(result.residual, tolerance);
  // ‖d - d*‖ <= ‖A⁻¹‖ ‖r‖ = ‖r‖ / min |eigenvalue|.
  double smallest = INFINITY;
  for (double e : symmetric_eigenvalues(a.matrix())) smallest = std::min(smallest, std::abs(e));
  Vector error = d;
  axpy(-1.0, solution, error);
  EXPECT_LE(norm2(error), 1.001 * result.residual / smallest);

  // Deterministic: the same seed retraces the same iterates bit for bit.
  Vector again(static_cast<std::size_t>(n), 0.0);
  learning::Rng rng_again(2023);
  const SketchResult repeat = sketch_solve(a, b, again, tolerance, options, rng_again);
  EXPECT_EQ(repeat.iterations, result.iterations);
  EXPECT_EQ(again, d);

  // A looser tolerance (the adaptive test's job) stops earlier, still within it.
  Vector loose(static_cast<std::size_t>(n), 0.0);
  learning::Rng rng_loose(2023);
  const SketchResult early = sketch_solve(a, b, loose, 1e-3 * norm2(b), options, rng_loose);
  EXPECT_TRUE(early.converged());
  EXPECT_LE(early.residual, 1e-3 * norm2(b));
  EXPECT_LT(early.iterations, result.iterations);
}

INSTANTIATE_TEST_SUITE_P(Opt, SketchKinds,
                         ::testing::Values(Case{SketchKind::KaczmarzUniform, 1},
                                           Case{SketchKind::KaczmarzRowNorm, 1},
                                           Case{SketchKind::Gaussian, 1}, Case{SketchKind::Gaussian, 3},
                                           Case{SketchKind::BlockKaczmarz, 3},
                                           Case{SketchKind::SparseSign, 2}),
                         [](const auto& param_info) {
                           return to_string(param_info.param.kind) + "_q" + std::to_string(param_info.param.block_size);
                         });

TEST(OptSketch, MatrixFreeKktOperatorOfHs6) {
  // HS6 at x = (0.3, -0.7), λ = 0.25, shift σ = 4, in closed form: ∇²ₓL = diag(2 - 20λ, 0),
  // J = (-20 x₀, 10), so K = [[1, 0, -6], [0, 4, 10], [-6, 10, 0]].
  const auto problem = find_problem("HS6").make();
  const KktOperator k(*problem, {0.3, -0.7}, {0.25}, 4.0);
  const double closed_form[3][3] = {{1, 0, -6}, {0, 4, 10}, {-6, 10, 0}};
  Vector row;
  for (int i = 0; i < 3; ++i) {
    k.row(i, row);
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(row[static_cast<std::size_t>(j)], closed_form[i][j], 1e-13) << i << "," << j;
  }
  // The sketching solvers act on it unchanged: solve K d = K d* for d* = (1, -2, 0.5).
  const Vector solution{1.0, -2.0, 0.5};
  Vector b(3, 0.0);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) b[static_cast<std::size_t>(i)] += closed_form[i][j] * solution[static_cast<std::size_t>(j)];
  for (SketchKind kind : {SketchKind::KaczmarzRowNorm, SketchKind::Gaussian}) {
    SketchOptions options;
    options.kind = kind;
    Vector d(3, 0.0);
    learning::Rng rng(5);
    const SketchResult result = sketch_solve(k, b, d, 1e-12, options, rng);
    ASSERT_TRUE(result.converged()) << to_string(kind);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(d[i], solution[i], 1e-10) << to_string(kind);
  }
}

TEST(OptSketch, StopsAtTheIterationCap) {
  const DenseSymmetricOperator a(kkt_test_matrix());
  const Vector b(static_cast<std::size_t>(a.size()), 1.0);
  Vector d(b.size(), 0.0);
  SketchOptions options;
  options.max_iterations = 5;
  learning::Rng rng(1);
  const SketchResult result = sketch_solve(a, b, d, 0.0, options, rng);
  EXPECT_EQ(result.reason, SolveReason::DivergedMaxIterations);
  EXPECT_EQ(result.iterations, 5);
}

TEST(OptSketch, NamesAndBadOptions) {
  for (SketchKind kind : {SketchKind::KaczmarzUniform, SketchKind::KaczmarzRowNorm, SketchKind::Gaussian,
                          SketchKind::BlockKaczmarz, SketchKind::SparseSign})
    EXPECT_EQ(parse_sketch_kind(to_string(kind)), kind);
  try {
    parse_sketch_kind("hadamard");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("hadamard"), std::string::npos);
  }
  SketchOptions options;
  options.block_size = 0;
  EXPECT_THROW(validate(options), ConfigError);
}

}  // namespace
}  // namespace las::opt
