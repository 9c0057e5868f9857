// SPDX-License-Identifier: BSD-3-Clause
#include "fp32_peak_bench.hpp"

#include <chrono>
#include <vector>

#include "apps/common/fp32_peak.hpp"
#include "bench_stats.hpp"

namespace las_bench {
namespace {

using las::app::Fp32PeakKind;

/// Samples of the two peak benchmarks (same bookkeeping as the triad's).
std::vector<Sample>& peak_samples(int kind) {
  static std::vector<Sample> samples[2];  // [0] avx2_fma, [1] build
  return samples[kind];
}

}  // namespace

void bm_fp32_peak(benchmark::State& state, int kind) {
  const auto k = static_cast<Fp32PeakKind>(kind);
  if (!las::app::fp32_peak_available(k)) {
    state.SkipWithError("this CPU (or build target) has no AVX2+FMA");
    return;
  }
  float sink = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (auto _ : state) sink += las::app::run_fp32_peak(k, las::app::kFp32PeakSteps);
  const auto t1 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(sink);
  const double sec = std::chrono::duration<double>(t1 - t0).count();
  const double flops = las::app::fp32_peak_flops(las::app::kFp32PeakSteps) * double(state.iterations()) / sec;
  state.counters["gflops"] = flops * 1e-9;
  peak_samples(kind).push_back({state.iterations(), flops});
}

double fp32_peak(int kind) {
  static double fallback[2] = {0, 0};
  if (!peak_samples(kind).empty()) return median_of_last(peak_samples(kind));
  if (fallback[kind] == 0) fallback[kind] = las::app::measure_fp32_peak(static_cast<Fp32PeakKind>(kind));
  return fallback[kind];
}

}  // namespace las_bench
