// SPDX-License-Identifier: BSD-3-Clause
// Seeded random hard-constraint problems for the LM tests, held in std::vectors with the
// layer's layout (F [B, P, nf, N], A [B, Q, N], y [B, Q]), and their device views.
#pragma once

#include <random>
#include <vector>

#include "kernels/batched_least_squares.hpp"
#include "solvers/moe/torch/batched_lm.hpp"

namespace las::test {

struct HostBatch {
  int problems = 0, points = 0, features = 0, n = 0, linear = 0;
  std::vector<double> f, a, y;
  double& feature(int b, int p, int j, int k) { return f[((static_cast<size_t>(b) * points + p) * features + j) * n + k]; }
  double feature(int b, int p, int j, int k) const {
    return f[((static_cast<size_t>(b) * points + p) * features + j) * n + k];
  }
  double row(int b, int q, int k) const { return a[(static_cast<size_t>(b) * linear + q) * n + k]; }
  double target(int b, int q) const { return y[static_cast<size_t>(b) * linear + q]; }
};

/// Test physics: a diffusion much larger than the PDEBench one so that R(u) really
/// matters (the residual is then clearly nonlinear in ω), and an O(1) viscosity.
inline moe::PointResidual test_residual(moe::PointResidualKind kind) {
  moe::PointResidual r;
  r.kind = kind;
  r.pde_weight = 0.7;
  r.diffusion = 0.5;
  r.viscosity = 0.3;
  return r;
}

/// Diffusion–sorption: the value row has positive entries of sum ≈ 0.3, so u ≈ 0.3 near
/// ω = 1 (ω₀), where R(u) bends strongly (and an overshooting step can make u < 0, a NaN
/// trial point); the derivative rows and the linear rows are random, the targets those
/// of a random ω near 1 plus noise, so the residual at the minimum is nonzero.
/// Navier–Stokes: every feature row random in [−2, 2] / √N, targets of a random ω of
/// size 1, so the quadratic terms u w_x, v w_y matter.
inline HostBatch random_batch(moe::PointResidualKind kind, int problems, int points, int n, int linear,
                              unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(-1, 1), positive(0.5, 1.5);
  HostBatch h;
  h.problems = problems;
  h.points = points;
  h.features = moe::feature_count(kind);
  h.n = n;
  h.linear = linear;
  h.f.resize(static_cast<size_t>(problems) * points * h.features * n);
  h.a.resize(static_cast<size_t>(problems) * linear * n);
  h.y.resize(static_cast<size_t>(problems) * linear);
  const bool ds = kind == moe::PointResidualKind::DiffusionSorption;
  const double scale = 1 / std::sqrt(static_cast<double>(n));
  for (int b = 0; b < problems; ++b)
    for (int p = 0; p < points; ++p)
      for (int j = 0; j < h.features; ++j)
        for (int k = 0; k < n; ++k)
          h.feature(b, p, j, k) = ds ? (j == 0 ? 0.3 * positive(rng) / n : (j == 2 ? 2.0 : 0.5) * scale * unit(rng))
                                     : 2.0 * scale * unit(rng);
  for (int b = 0; b < problems; ++b) {
    std::vector<double> w(n);
    for (auto& x : w) x = ds ? 1 + 0.3 * unit(rng) : unit(rng);
    for (int q = 0; q < linear; ++q) {
      double s = 0;
      for (int k = 0; k < n; ++k) {
        h.a[(static_cast<size_t>(b) * linear + q) * n + k] = unit(rng);
        s += h.row(b, q, k) * w[k];
      }
      h.y[static_cast<size_t>(b) * linear + q] = s + 0.1 * unit(rng);
    }
  }
  return h;
}

/// Device copies of a host batch (owning views; the LeastSquaresBatch holds them).
inline kernels::LeastSquaresBatch to_device(const HostBatch& h, const moe::PointResidual& residual, double ridge) {
  Kokkos::View<double****, Kokkos::LayoutRight, kernels::MemSpace> f("test_f", h.problems, h.points, h.features, h.n);
  Kokkos::View<double***, Kokkos::LayoutRight, kernels::MemSpace> a("test_a", h.problems, h.linear, h.n);
  kernels::BatchVectors y("test_y", h.problems, h.linear);
  auto fh = Kokkos::create_mirror_view(f);
  auto ah = Kokkos::create_mirror_view(a);
  auto yh = Kokkos::create_mirror_view(y);
  for (size_t i = 0; i < h.f.size(); ++i) fh.data()[i] = h.f[i];
  for (size_t i = 0; i < h.a.size(); ++i) ah.data()[i] = h.a[i];
  for (size_t i = 0; i < h.y.size(); ++i) yh.data()[i] = h.y[i];
  Kokkos::deep_copy(f, fh);
  Kokkos::deep_copy(a, ah);
  Kokkos::deep_copy(y, yh);
  kernels::LeastSquaresBatch ls;
  ls.features = f;
  ls.linear_rows = a;
  ls.linear_targets = y;
  ls.residual = moe::point_residual_model(residual);
  ls.ridge = ridge;
  return ls;
}

inline std::vector<double> problem_row(const kernels::BatchVectors& v, int b) {
  const auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v);
  std::vector<double> out(h.extent(1));
  for (size_t k = 0; k < out.size(); ++k) out[k] = h(b, k);
  return out;
}

}  // namespace las::test
