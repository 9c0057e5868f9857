// SPDX-License-Identifier: BSD-3-Clause
// DCDM training data (issue 3): the tridiagonal eigensolver against the closed form,
// Lanczos Ritz pairs against the Laplacian's known spectrum, and the paper's samples
// (1 and 2 ranks).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>

#include <unistd.h>

#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#include "solvers/nn/torch/dcdm_trainer.hpp"

namespace las::nn {
namespace {


constexpr double kPi = 3.14159265358979323846;

// Every eigenvalue of the 2D Dirichlet 5-point Laplacian on n x n, h = 1/(n+1).
std::vector<double> laplacian_spectrum(int n) {
  const double h = 1.0 / (n + 1);
  std::vector<double> out;
  for (int p = 1; p <= n; ++p)
    for (int q = 1; q <= n; ++q) {
      const double sp = std::sin(p * kPi * h / 2), sq = std::sin(q * kPi * h / 2);
      out.push_back(4.0 / (h * h) * (sp * sp + sq * sq));
    }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(TridiagonalEigen, MatchesClosedFormAndIsOrthonormal) {
  const int m = 40;
  std::vector<double> d(m, 2.0), e(m - 1, -1.0), values, vectors;
  tridiagonal_eigen(d, e, values, vectors);
  for (int k = 1; k <= m; ++k) EXPECT_NEAR(values[k - 1], 2.0 - 2.0 * std::cos(k * kPi / (m + 1)), 1e-13);
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b) {
      double s = 0;
      for (int i = 0; i < m; ++i) s += vectors[i + a * m] * vectors[i + b * m];
      EXPECT_NEAR(s, a == b ? 1.0 : 0.0, 1e-13);
    }
  // T v = lambda v for one pair.
  for (int i = 0; i < m; ++i) {
    const double* v = vectors.data() + 5 * m;
    const double tv = 2 * v[i] - (i > 0 ? v[i - 1] : 0) - (i + 1 < m ? v[i + 1] : 0);
    EXPECT_NEAR(tv, values[5] * v[i], 1e-12);
  }
}

// Every Ritz pair (theta, y) has an eigenvalue of A within ||A y - theta y|| (symmetric
// A); the extreme ones converge to the closed-form extremes; Y is orthonormal.
TEST(Lanczos, RitzPairsMatchLaplacianSpectrum) {
  Comm comm;
  const int n = 32;
  const BoxGrid grid(comm, 2, {n, n, 1});
  const StencilOperator op(grid, 1.0);
  LanczosOptions lo;
  lo.steps = 120;
  lo.seed = 7;
  const RitzBasis basis = lanczos_ritz(op, lo);
  ASSERT_EQ(basis.lanczos_steps, 120);
  ASSERT_EQ(basis.count(), 120);
  const auto spectrum = laplacian_spectrum(n);
  EXPECT_NEAR(basis.values.front(), spectrum.front(), 1e-8 * spectrum.front());
  EXPECT_NEAR(basis.values.back(), spectrum.back(), 1e-8 * spectrum.back());
  DistVector y = op.create_vector(), ay = op.create_vector();
  int converged = 0;
  for (int q = 0; q < basis.count(); ++q) {
    auto h = Kokkos::create_mirror_view(y.view());
    std::copy(basis.vector(q), basis.vector(q) + basis.local_size, h.data());
    Kokkos::deep_copy(y.view(), h);
    op.apply(y, ay);
    axpy(-basis.values[q], y, ay);
    const double res = norm2(ay);
    const auto it = std::lower_bound(spectrum.begin(), spectrum.end(), basis.values[q]);
    double dist = std::numeric_limits<double>::infinity();
    if (it != spectrum.end()) dist = std::min(dist, *it - basis.values[q]);
    if (it != spectrum.begin()) dist = std::min(dist, basis.values[q] - *(it - 1));
    EXPECT_LE(dist, res * (1 + 1e-8) + 1e-9 * spectrum.back()) << "Ritz value " << q;
    if (res < 1e-6 * spectrum.back()) ++converged;
  }
  EXPECT_GE(converged, 4);  // the extreme pairs have converged (6 at m = 120)
  // Orthonormality (global dot products).
  for (int a = 0; a < basis.count(); a += 7)
    for (int b = 0; b < basis.count(); ++b) {
      double s = 0;
      for (long long i = 0; i < basis.local_size; ++i) s += basis.vector(a)[i] * basis.vector(b)[i];
      EXPECT_NEAR(comm.sum(s), a == b ? 1.0 : 0.0, 1e-10) << a << "," << b;
    }
}

TEST(Lanczos, SamplesAreUnitAndLowFrequencyWeighted) {
  Comm comm;
  const BoxGrid grid(comm, 2, {16, 16, 1});
  const StencilOperator op(grid, 1.0);
  LanczosOptions lo;
  lo.steps = 40;
  const RitzBasis basis = lanczos_ritz(op, lo);
  SampleRecipe recipe;
  EXPECT_EQ(recipe.resolved_weighted_count(10000), 5500);  // the paper's m/2 + theta
  const auto c = sample_coefficients(recipe, 3, basis.count());
  EXPECT_EQ(c, sample_coefficients(recipe, 3, basis.count()));  // a pure function of the index
  EXPECT_NE(c, sample_coefficients(recipe, 4, basis.count()));
  double low = 0, high = 0;
  const int w = recipe.resolved_weighted_count(basis.count());
  for (long long s = 0; s < 200; ++s) {
    const auto cs = sample_coefficients(recipe, s, basis.count());
    for (int q = 0; q < basis.count(); ++q) (q < w ? low : high) += cs[q] * cs[q];
  }
  EXPECT_NEAR(low / w / (high / (basis.count() - w)), 81.0, 81.0 * 0.15);
  std::vector<double> b(static_cast<size_t>(basis.local_size));
  make_sample(comm, basis, recipe, 5, b.data());
  double s = 0;
  for (double v : b) s += v * v;
  EXPECT_NEAR(comm.sum(s), 1.0, 1e-12);
}

}  // namespace
}  // namespace las::nn
