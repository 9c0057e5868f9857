// SPDX-License-Identifier: BSD-3-Clause
// ChebCB's small dense solvers against independent oracles: the eigen equation itself,
// Householder QR, the explicit minimum-norm formula, and brute-force enumeration of
// the box problem's active sets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "learning_test_support.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/learning/small_lsq.hpp"

namespace las::learning {
namespace {

using testing::Matrix;

Matrix random_matrix(Rng& rng, size_t rows, size_t cols) {
  Matrix a(rows, std::vector<double>(cols));
  for (auto& row : a)
    for (double& v : row) v = 2.0 * rng.uniform() - 1.0;
  return a;
}

// G = ΦᵀΦ (row-major flat) and h = Φᵀy.
void normal_equations(const Matrix& phi, const std::vector<double>& y, std::vector<double>& g,
                      std::vector<double>& h) {
  const size_t m = phi.front().size();
  g.assign(m * m, 0.0);
  h.assign(m, 0.0);
  for (size_t r = 0; r < phi.size(); ++r) {
    for (size_t i = 0; i < m; ++i) {
      h[i] += phi[r][i] * y[r];
      for (size_t j = 0; j < m; ++j) g[i * m + j] += phi[r][i] * phi[r][j];
    }
  }
}

double objective(const std::vector<double>& g, const std::vector<double>& h,
                 const std::vector<double>& x) {
  const size_t m = h.size();
  double f = 0.0;
  for (size_t i = 0; i < m; ++i) {
    double gi = 0.0;
    for (size_t j = 0; j < m; ++j) gi += g[i * m + j] * x[j];
    f += 0.5 * x[i] * gi - h[i] * x[i];
  }
  return f;
}

TEST(SmallLsq, SymmetricEigenSatisfiesTheEigenEquation) {
  Rng rng(3);
  for (int n : {1, 2, 6, 9}) {
    Matrix b = random_matrix(rng, static_cast<size_t>(n), static_cast<size_t>(n));
    std::vector<double> a(static_cast<size_t>(n * n));
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        a[static_cast<size_t>(i * n + j)] = b[static_cast<size_t>(i)][static_cast<size_t>(j)] +
                                            b[static_cast<size_t>(j)][static_cast<size_t>(i)];
    std::vector<double> w, v;
    symmetric_eigen(a, n, w, v);
    for (int k = 0; k < n; ++k) {
      for (int i = 0; i < n; ++i) {
        double av = 0.0;
        for (int j = 0; j < n; ++j)
          av += a[static_cast<size_t>(i * n + j)] * v[static_cast<size_t>(j * n + k)];
        EXPECT_NEAR(av, w[static_cast<size_t>(k)] * v[static_cast<size_t>(i * n + k)], 1e-13) << n;
      }
      for (int l = 0; l < n; ++l) {
        double dot = 0.0;
        for (int i = 0; i < n; ++i)
          dot += v[static_cast<size_t>(i * n + k)] * v[static_cast<size_t>(i * n + l)];
        EXPECT_NEAR(dot, k == l ? 1.0 : 0.0, 1e-14);
      }
    }
  }
}

TEST(SmallLsq, MinNormSolveEqualsQrOnFullRankProblems) {
  Rng rng(4);
  for (int trial = 0; trial < 20; ++trial) {
    const Matrix phi = random_matrix(rng, 30, 6);
    std::vector<double> y(30);
    for (double& v : y) v = 10.0 * rng.uniform();
    std::vector<double> g, h;
    normal_equations(phi, y, g, h);
    const std::vector<double> x = min_norm_solve(g, h, 6);
    const std::vector<double> ref = testing::qr_least_squares(phi, y);
    for (size_t i = 0; i < 6; ++i) EXPECT_NEAR(x[i], ref[i], 1e-11 * (1.0 + std::abs(ref[i])));
  }
}

TEST(SmallLsq, MinNormSolveGivesTheMinimumNormSolutionWhenUnderdetermined) {
  // Fewer data than features (an arm seen 3 times): θ = Φᵀ(ΦΦᵀ)⁻¹y.
  Rng rng(6);
  for (int trial = 0; trial < 20; ++trial) {
    const Matrix phi = random_matrix(rng, 3, 6);
    std::vector<double> y(3);
    for (double& v : y) v = rng.uniform();
    std::vector<double> g, h;
    normal_equations(phi, y, g, h);
    Matrix ppt(3, std::vector<double>(3, 0.0));
    for (size_t i = 0; i < 3; ++i)
      for (size_t j = 0; j < 3; ++j)
        for (size_t k = 0; k < 6; ++k) ppt[i][j] += phi[i][k] * phi[j][k];
    const std::vector<double> z = testing::gauss_solve(ppt, y);
    const std::vector<double> x = min_norm_solve(g, h, 6);
    for (size_t k = 0; k < 6; ++k) {
      double ref = 0.0;
      for (size_t i = 0; i < 3; ++i) ref += phi[i][k] * z[i];
      EXPECT_NEAR(x[k], ref, 1e-7 * (1.0 + std::abs(ref))) << "trial " << trial;
    }
  }
  // No data at all: θ = 0.
  EXPECT_EQ(min_norm_solve(std::vector<double>(36, 0.0), std::vector<double>(6, 0.0), 6),
            std::vector<double>(6, 0.0));
}

// The exact box minimiser by enumerating every active set (each variable at its lower
// bound, upper bound or free) and solving the free block by Gaussian elimination.
std::vector<double> brute_force_box(const std::vector<double>& g, const std::vector<double>& h,
                                    const std::vector<double>& lo, const std::vector<double>& hi) {
  const size_t m = h.size();
  size_t patterns = 1;
  for (size_t i = 0; i < m; ++i) patterns *= 3;
  std::vector<double> best;
  double best_f = std::numeric_limits<double>::infinity();
  for (size_t code = 0; code < patterns; ++code) {
    std::vector<int> state(m);
    size_t c = code;
    for (size_t i = 0; i < m; ++i, c /= 3) state[i] = static_cast<int>(c % 3);
    std::vector<double> x(m, 0.0);
    std::vector<size_t> free;
    for (size_t i = 0; i < m; ++i) {
      if (state[i] == 0)
        x[i] = lo[i];
      else if (state[i] == 1)
        x[i] = hi[i];
      else
        free.push_back(i);
    }
    if (!free.empty()) {
      Matrix a(free.size(), std::vector<double>(free.size()));
      std::vector<double> b(free.size());
      for (size_t p = 0; p < free.size(); ++p) {
        b[p] = h[free[p]];
        for (size_t j = 0; j < m; ++j)
          if (state[j] != 2) b[p] -= g[free[p] * m + j] * x[j];
        for (size_t q = 0; q < free.size(); ++q) a[p][q] = g[free[p] * m + free[q]];
      }
      const std::vector<double> z = testing::gauss_solve(a, b);
      bool feasible = true;
      for (size_t p = 0; p < free.size(); ++p) {
        feasible = feasible && z[p] >= lo[free[p]] - 1e-12 && z[p] <= hi[free[p]] + 1e-12;
        x[free[p]] = z[p];
      }
      if (!feasible) continue;
    }
    const double f = objective(g, h, x);
    if (f < best_f) {
      best_f = f;
      best = x;
    }
  }
  return best;
}

TEST(SmallLsq, BoxLeastSquaresMatchesBruteForceAndSatisfiesKkt) {
  Rng rng(8);
  for (int trial = 0; trial < 30; ++trial) {
    const Matrix phi = random_matrix(rng, 25, 6);
    std::vector<double> y(25);
    for (double& v : y) v = 4.0 * rng.uniform() - 1.0;
    std::vector<double> g, h;
    normal_equations(phi, y, g, h);
    std::vector<double> lo(6), hi(6);
    for (size_t j = 0; j < 6; ++j) {
      hi[j] = 0.05 + 0.5 * rng.uniform();
      lo[j] = trial % 3 == 0 ? 0.0 : -hi[j];
    }
    const std::vector<double> x = box_least_squares(g, h, lo, hi, min_norm_solve(g, h, 6), 6);
    const std::vector<double> ref = brute_force_box(g, h, lo, hi);
    ASSERT_EQ(ref.size(), 6u);
    for (size_t j = 0; j < 6; ++j) {
      EXPECT_GE(x[j], lo[j]);
      EXPECT_LE(x[j], hi[j]);
      EXPECT_NEAR(x[j], ref[j], 1e-9) << "trial " << trial << " coefficient " << j;
    }
    // KKT directly: gradient Gx − h vanishes on free coordinates and points out of the
    // box on bound ones.
    for (size_t i = 0; i < 6; ++i) {
      double grad = -h[i];
      for (size_t j = 0; j < 6; ++j) grad += g[i * 6 + j] * x[j];
      if (x[i] > lo[i] && x[i] < hi[i]) {
        EXPECT_NEAR(grad, 0.0, 1e-9) << trial;
      } else if (x[i] == lo[i]) {
        EXPECT_GE(grad, -1e-9) << trial;
      } else {
        EXPECT_LE(grad, 1e-9) << trial;
      }
    }
    EXPECT_LE(box_kkt_violation(g, h, lo, hi, x, 6), 1e-12);
  }
}

TEST(SmallLsq, UnusedFeaturesGoToTheBoxPointNearestZero) {
  // Feature 1 is zero on every datum: its coefficient does not matter; we pick 0's
  // nearest box point.
  std::vector<double> g = {2.0, 0.0, 0.0, 0.0}, h = {10.0, 0.0};
  const std::vector<double> x = box_least_squares(g, h, {-1.0, 0.5}, {1.0, 2.0}, {0.0, 0.0}, 2);
  EXPECT_EQ(x[0], 1.0);
  EXPECT_EQ(x[1], 0.5);
}

}  // namespace
}  // namespace las::learning
