// SPDX-License-Identifier: BSD-3-Clause
// bench_hard_constraint_layer: one forward (batched LM) + backward (IFT) of the
// hard-constraint layer at the paper's diffusion–sorption MoE size, on one core. A
// measurement, not a test (not registered with CTest):
//   bench_hard_constraint_layer [repetitions=5]
// B = 24 problems (batch 6 x 4 experts), P = 20000/4 = 5000 sampled points per expert,
// N = 16 basis functions, Q = 1024 + 2·101 initial/boundary rows (every expert gets the
// global ones, as in the authors' code), PDEBench physics, ridge 1e-4, tolerance 1e-4,
// ω₀ = 1. The features are random stand-ins for the basis network's (values near 1, O(1)
// derivatives): the cost per LM iteration does not depend on their values, the iteration
// count does. Prints medians of the forward, the backward, the LM iterations and the time
// per iteration, then the kernels that make them up, timed alone.
#include <Kokkos_Core.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "kernels/batched_least_squares_pullback.hpp"
#include "solvers/moe/torch/batched_lm.hpp"
#include "solvers/moe/torch/hard_constraint_layer.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Median wall seconds of `reps` calls of `work`.
template <class Work>
double time_median(int reps, Work&& work) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    work();
    Kokkos::fence();
    t.push_back(seconds_since(t0));
  }
  return median(t);
}

/// The pieces of one forward + backward, on the kernels directly (host build: views over
/// the tensors' memory): one Gauss–Newton assembly (what an LM iteration costs, besides
/// the N x N solves), the exact-Hessian assembly and the per-row pullback of the backward.
void time_kernels(const torch::Tensor& f, const torch::Tensor& a, const torch::Tensor& y,
                  const las::moe::PointResidual& residual, const las::moe::LmOptions& options, int reps) {
  namespace kk = las::kernels;
  kk::LeastSquaresBatch ls;
  ls.features = kk::BatchFeatures(f.data_ptr<double>(), f.size(0), f.size(1), f.size(2), f.size(3));
  ls.linear_rows = kk::BatchRows(a.data_ptr<double>(), a.size(0), a.size(1), a.size(2));
  ls.linear_targets = kk::ConstBatchVectors(y.data_ptr<double>(), y.size(0), y.size(1));
  ls.residual = las::moe::point_residual_model(residual);
  ls.ridge = options.ridge;
  const size_t b = ls.problems();
  const int n = ls.coefficients();
  const las::moe::BatchedLmResult lm = las::moe::batched_levenberg_marquardt(ls, options);
  const kk::BatchFlags all("all", b);
  Kokkos::deep_copy(all, 1);
  const kk::BatchPartials partials = kk::make_least_squares_partials(ls);
  kk::NormalEquations ne(b, n);
  const double gn = time_median(reps, [&] {
    kk::accumulate_normal_equations(ls, lm.omega, all, kk::CurvatureTerm::GaussNewton, partials, ne);
  });
  const double exact = time_median(reps, [&] {
    kk::accumulate_normal_equations(ls, lm.omega, all, kk::CurvatureTerm::ExactHessian, partials, ne);
  });
  kk::BatchFeatureGradients df("df", f.size(0), f.size(1), f.size(2), f.size(3));
  kk::BatchRowGradients da("da", a.size(0), a.size(1), a.size(2));
  kk::BatchVectors dy("dy", y.size(0), y.size(1));
  const double pullback =
      time_median(reps, [&] { kk::least_squares_pullback(ls, lm.omega, lm.omega, df, {}, da, dy); });
  std::printf("  kernels: Gauss-Newton assembly %.2f ms, exact-Hessian assembly %.2f ms, pullback %.2f ms\n",
              1e3 * gn, 1e3 * exact, 1e3 * pullback);
}

}  // namespace

int main(int argc, char** argv) {
  Kokkos::ScopeGuard kokkos(argc, argv);
  torch::set_num_threads(1);
  const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const int64_t b = 24, p = 20000 / 4, nf = 3, n = 16, q = 1024 + 2 * 101;

  std::mt19937 rng(3);
  std::uniform_real_distribution<double> unit(-1, 1), positive(0.5, 1.5);
  torch::Tensor f = torch::empty({b, p, nf, n}, torch::kFloat64), a = torch::empty({b, q, n}, torch::kFloat64);
  double* fp = f.data_ptr<double>();
  for (int64_t i = 0; i < f.numel(); ++i) fp[i] = (i / n) % nf == 0 ? positive(rng) / n : unit(rng) / n;
  double* ap = a.data_ptr<double>();
  for (int64_t i = 0; i < a.numel(); ++i) ap[i] = positive(rng) / n;
  const torch::Tensor y = torch::ones({b, q}, torch::kFloat64);

  las::moe::PointResidual residual;  // PDEBench diffusion–sorption
  las::moe::LmOptions options;       // the authors' settings: ridge 1e-4, tolerance 1e-4, ω₀ = 1
  std::vector<double> forward, backward;
  las::moe::LmSummary summary;
  for (int r = 0; r < repetitions; ++r) {
    const torch::Tensor fr = f.clone().requires_grad_(true), ar = a.clone().requires_grad_(true),
                        yr = y.clone().requires_grad_(true);
    auto t0 = std::chrono::steady_clock::now();
    const torch::Tensor omega = las::moe::hard_constraint_solve(fr, ar, yr, residual, options, &summary);
    forward.push_back(seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    omega.sum().backward();
    backward.push_back(seconds_since(t0));
  }
  const double fwd = median(forward), bwd = median(backward);
  std::printf("hard-constraint layer, B=%lld P=%lld N=%lld Q=%lld, %d repetitions (medians), one core\n",
              static_cast<long long>(b), static_cast<long long>(p), static_cast<long long>(n),
              static_cast<long long>(q), repetitions);
  std::printf("  LM iterations (max over problems): %d, failed: %lld %s\n", summary.max_iterations_used,
              summary.failed, summary.first_failure.c_str());
  std::printf("  forward (LM)   %.4f s  = %.2f ms per LM iteration\n", fwd, 1e3 * fwd / summary.max_iterations_used);
  std::printf("  backward (IFT) %.4f s\n", bwd);
  std::printf("  total          %.4f s  (forward %.0f%%, backward %.0f%%)\n", fwd + bwd, 100 * fwd / (fwd + bwd),
              100 * bwd / (fwd + bwd));
  time_kernels(f, a, y, residual, options, repetitions);
  return summary.failed == 0 ? 0 : 1;
}
