// SPDX-License-Identifier: BSD-3-Clause
// The batched LM (solvers/moe/torch/batched_lm.hpp) and its kernels against independent
// truths: the point residuals' derivatives against central differences, the exact
// Hessian kernel against differences of the gradient kernel, every problem of a batch
// against the plain serial LM (same ω to 1e-10, same iteration counts), and problems
// with a known minimiser (linear rows: the exact solution, and the ridge least-squares
// solution from a Householder QR).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "kernels/batched_least_squares.hpp"
#include "kernels/point_residual.hpp"
#include "serial_lm.hpp"
#include "solvers/moe/torch/batched_lm.hpp"

namespace {

namespace kk = las::kernels;
namespace moe = las::moe;
using las::test::HostBatch;

constexpr moe::PointResidualKind kKinds[] = {moe::PointResidualKind::DiffusionSorption,
                                             moe::PointResidualKind::NavierStokesVorticity};

TEST(PointResidual, DerivativesMatchCentralDifferences) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0.2, 1.5);
  for (const auto kind : kKinds) {
    const kk::PointResidualModel m = moe::point_residual_model(las::test::test_residual(kind));
    const int nf = kk::point_feature_count(m.type);
    for (int trial = 0; trial < 5; ++trial) {
      double z[kk::kMaxPointFeatures];
      for (int j = 0; j < nf; ++j) z[j] = u(rng);
      kk::PointResidualValue v;
      kk::evaluate_point_residual(m, z, true, v);
      const double h = 1e-5;
      for (int j = 0; j < nf; ++j) {
        double zp[kk::kMaxPointFeatures], zm[kk::kMaxPointFeatures];
        std::copy(z, z + nf, zp);
        std::copy(z, z + nf, zm);
        zp[j] += h;
        zm[j] -= h;
        kk::PointResidualValue vp, vm;
        kk::evaluate_point_residual(m, zp, false, vp);
        kk::evaluate_point_residual(m, zm, false, vm);
        EXPECT_NEAR(v.gradient[j], (vp.value - vm.value) / (2 * h), 1e-8) << "kind " << int(kind) << " j " << j;
        for (int k = 0; k < nf; ++k)
          EXPECT_NEAR(v.hessian[j][k], (vp.gradient[k] - vm.gradient[k]) / (2 * h), 1e-8)
              << "kind " << int(kind) << " j " << j << " k " << k;
      }
    }
  }
}

TEST(BatchedLeastSquares, GradientAndExactHessianMatchTheDenseJacobianAndDifferences) {
  for (const auto kind : kKinds) {
    const moe::PointResidual pr = las::test::test_residual(kind);
    const HostBatch h = las::test::random_batch(kind, 3, 37, 5, 4, 21);
    const double ridge = 0.2;
    const kk::LeastSquaresBatch ls = las::test::to_device(h, pr, ridge);
    const kk::BatchFlags all("all", h.problems);
    Kokkos::deep_copy(all, 1);
    const auto partials = kk::make_least_squares_partials(ls);
    kk::BatchVectors omega("omega", h.problems, h.n);
    auto oh = Kokkos::create_mirror_view(omega);
    std::mt19937 rng(8);
    std::uniform_real_distribution<double> u(0.8, 1.2);
    for (int b = 0; b < h.problems; ++b)
      for (int k = 0; k < h.n; ++k) oh(b, k) = u(rng);
    Kokkos::deep_copy(omega, oh);

    kk::NormalEquations gn(h.problems, h.n), exact(h.problems, h.n), chunked(h.problems, h.n);
    kk::accumulate_normal_equations(ls, omega, all, kk::CurvatureTerm::GaussNewton, partials, gn);
    kk::accumulate_normal_equations(ls, omega, all, kk::CurvatureTerm::ExactHessian, partials, exact);
    // Several chunks per problem (the device path; one chunk on a serial host) sum the same.
    kk::accumulate_normal_equations(ls, omega, all, kk::CurvatureTerm::ExactHessian,
                                    kk::make_least_squares_partials(ls, 4), chunked);
    const auto gnm = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), gn.matrix);
    const auto hm = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), exact.matrix);
    const auto hc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), chunked.matrix);
    const auto cost = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), gn.cost);
    const auto cost_chunked = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), chunked.cost);
    for (int b = 0; b < h.problems; ++b) {
      std::vector<double> w(h.n);
      for (int k = 0; k < h.n; ++k) w[k] = oh(b, k);
      const auto s = las::test::serial_point(h, b, pr, ridge, w);
      EXPECT_NEAR(cost(b), s.f, 1e-12 * s.f);
      EXPECT_NEAR(cost_chunked(b), s.f, 1e-12 * s.f);
      const std::vector<double> g = las::test::problem_row(gn.gradient, b);
      const std::vector<double> gc = las::test::problem_row(chunked.gradient, b);
      for (int k = 0; k < h.n; ++k) {
        EXPECT_NEAR(g[k], s.g[k], 1e-12 * (1 + std::abs(s.g[k])));
        EXPECT_NEAR(gc[k], s.g[k], 1e-12 * (1 + std::abs(s.g[k])));
        for (int l = 0; l < h.n; ++l) EXPECT_NEAR(hc(b, k, l), hm(b, k, l), 1e-12 * (1 + std::abs(hm(b, k, l))));
        for (int l = 0; l < h.n; ++l) EXPECT_NEAR(gnm(b, k, l), s.m[k * h.n + l], 1e-12 * (1 + std::abs(s.m[k * h.n + l])));
      }
      // Exact Hessian column l = dg/dω_l by central differences of the serial gradient.
      for (int l = 0; l < h.n; ++l) {
        const double step = 1e-6;
        std::vector<double> wp = w, wm = w;
        wp[l] += step;
        wm[l] -= step;
        const auto sp = las::test::serial_point(h, b, pr, ridge, wp);
        const auto sm = las::test::serial_point(h, b, pr, ridge, wm);
        for (int k = 0; k < h.n; ++k) {
          const double fd = (sp.g[k] - sm.g[k]) / (2 * step);
          EXPECT_NEAR(hm(b, k, l), fd, 1e-6 * (1 + std::abs(fd))) << "kind " << int(kind) << " b " << b;
        }
      }
    }
  }
}

void expect_batched_equals_serial(moe::PointResidualKind kind, const HostBatch& h, const moe::LmOptions& o) {
  const moe::PointResidual pr = las::test::test_residual(kind);
  const moe::BatchedLmResult result = moe::batched_levenberg_marquardt(las::test::to_device(h, pr, o.ridge), o);
  EXPECT_EQ(result.summary.problems, h.problems);
  EXPECT_EQ(result.summary.failed, 0) << result.summary.first_failure;
  int nonlinear_steps = 0;
  for (int b = 0; b < h.problems; ++b) {
    const las::test::SerialLmResult s = las::test::serial_lm(h, b, pr, o);
    EXPECT_EQ(s.status, moe::LmStatus::Converged) << "problem " << b;
    EXPECT_EQ(result.status[b], s.status) << "problem " << b;
    EXPECT_EQ(result.iterations[b], s.iterations) << "problem " << b;
    nonlinear_steps += s.iterations;
    const std::vector<double> w = las::test::problem_row(result.omega, b);
    for (int k = 0; k < h.n; ++k) EXPECT_NEAR(w[k], s.omega[k], 1e-10 * (1 + std::abs(s.omega[k]))) << b << " " << k;
  }
  // A nonlinear problem takes several steps: the comparison exercised the damping logic.
  EXPECT_GT(nonlinear_steps, 3 * h.problems);
}

TEST(BatchedLm, DiffusionSorptionMatchesSerialLm) {
  const HostBatch h = las::test::random_batch(moe::PointResidualKind::DiffusionSorption, 6, 50, 8, 10, 1);
  for (const double tol : {1e-4, 1e-10}) {
    moe::LmOptions o;
    o.tolerance = tol;
    o.initial_coefficient = 1;
    expect_batched_equals_serial(moe::PointResidualKind::DiffusionSorption, h, o);
  }
}

TEST(BatchedLm, NavierStokesMatchesSerialLm) {
  const HostBatch h = las::test::random_batch(moe::PointResidualKind::NavierStokesVorticity, 4, 50, 8, 10, 2);
  for (const double tol : {1e-4, 1e-10}) {
    moe::LmOptions o;
    o.tolerance = tol;
    o.initial_coefficient = 0;
    expect_batched_equals_serial(moe::PointResidualKind::NavierStokesVorticity, h, o);
  }
}

/// min ‖[A; ridge I] ω − [y; 0]‖ by Householder QR of the stacked matrix.
std::vector<double> ridge_least_squares_qr(const HostBatch& h, int b, double ridge) {
  const int n = h.n, m = h.linear + n;
  std::vector<double> a(static_cast<size_t>(m) * n, 0.0), rhs(m, 0.0);
  for (int q = 0; q < h.linear; ++q) {
    rhs[q] = h.target(b, q);
    for (int k = 0; k < n; ++k) a[q * n + k] = h.row(b, q, k);
  }
  for (int k = 0; k < n; ++k) a[(h.linear + k) * n + k] = ridge;
  for (int c = 0; c < n; ++c) {
    double norm = 0;
    for (int i = c; i < m; ++i) norm += a[i * n + c] * a[i * n + c];
    norm = std::sqrt(norm);
    const double alpha = a[c * n + c] > 0 ? -norm : norm;
    std::vector<double> v(m, 0.0);
    for (int i = c; i < m; ++i) v[i] = a[i * n + c];
    v[c] -= alpha;
    double vv = 0;
    for (int i = c; i < m; ++i) vv += v[i] * v[i];
    for (int j = c; j < n; ++j) {
      double s = 0;
      for (int i = c; i < m; ++i) s += v[i] * a[i * n + j];
      for (int i = c; i < m; ++i) a[i * n + j] -= 2 * s / vv * v[i];
    }
    double s = 0;
    for (int i = c; i < m; ++i) s += v[i] * rhs[i];
    for (int i = c; i < m; ++i) rhs[i] -= 2 * s / vv * v[i];
  }
  std::vector<double> x(n);
  for (int i = n - 1; i >= 0; --i) {
    double s = rhs[i];
    for (int j = i + 1; j < n; ++j) s -= a[i * n + j] * x[j];
    x[i] = s / a[i * n + i];
  }
  return x;
}

TEST(BatchedLm, LinearRowsReachTheKnownMinimiser) {
  // No PDE points: a linear least-squares problem, so the minimiser is known in closed form.
  HostBatch h = las::test::random_batch(moe::PointResidualKind::DiffusionSorption, 5, 0, 7, 20, 4);
  const moe::PointResidual pr = las::test::test_residual(moe::PointResidualKind::DiffusionSorption);
  moe::LmOptions o;
  o.tolerance = 1e-12;
  // Zero residual at ω_true (ridge 0): LM must land on ω_true itself.
  std::vector<std::vector<double>> truth(h.problems, std::vector<double>(h.n));
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> u(-2, 2);
  for (int b = 0; b < h.problems; ++b) {
    for (auto& x : truth[b]) x = u(rng);
    for (int q = 0; q < h.linear; ++q) {
      double s = 0;
      for (int k = 0; k < h.n; ++k) s += h.row(b, q, k) * truth[b][k];
      h.y[static_cast<size_t>(b) * h.linear + q] = s;
    }
  }
  o.ridge = 0;
  const auto exact = moe::batched_levenberg_marquardt(las::test::to_device(h, pr, o.ridge), o);
  EXPECT_EQ(exact.summary.failed, 0) << exact.summary.first_failure;
  for (int b = 0; b < h.problems; ++b) {
    const std::vector<double> w = las::test::problem_row(exact.omega, b);
    for (int k = 0; k < h.n; ++k) EXPECT_NEAR(w[k], truth[b][k], 1e-10) << b << " " << k;
  }
  // Inconsistent targets and a ridge: the QR least-squares solution.
  h = las::test::random_batch(moe::PointResidualKind::DiffusionSorption, 5, 0, 7, 20, 5);
  o.ridge = 0.3;
  const auto ridge = moe::batched_levenberg_marquardt(las::test::to_device(h, pr, o.ridge), o);
  EXPECT_EQ(ridge.summary.failed, 0) << ridge.summary.first_failure;
  for (int b = 0; b < h.problems; ++b) {
    const std::vector<double> w = las::test::problem_row(ridge.omega, b);
    const std::vector<double> x = ridge_least_squares_qr(h, b, o.ridge);
    for (int k = 0; k < h.n; ++k) EXPECT_NEAR(w[k], x[k], 1e-10 * (1 + std::abs(x[k]))) << b << " " << k;
  }
}

}  // namespace
