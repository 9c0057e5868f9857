// SPDX-License-Identifier: BSD-3-Clause
#include "fp32_peak.hpp"

#include <chrono>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LAS_BENCH_AVX2_PEAK 1
#endif

#include "bench_stats.hpp"

namespace las_bench {
namespace {

using Clock = std::chrono::steady_clock;

/// Samples of the two peak benchmarks (same bookkeeping as the triad's).
std::vector<Sample>& peak_samples(int kind) {
  static std::vector<Sample> samples[2];  // [0] avx2_fma, [1] build
  return samples[kind];
}

/// Independent FMA chains: kPeakVectors accumulators of 8 floats, each updated
/// acc = acc * m + a per step. 12 chains cover the FMA latency (4 cycles) times the
/// FMA pipes (2) with room to spare, and fit in the 16 vector registers.
constexpr int kPeakVectors = 12;
constexpr long kPeakSteps = 1L << 22;
constexpr double kPeakFlopsPerCall = 2.0 * 8 * kPeakVectors * double(kPeakSteps);

/// The build-flags version: plain C++ the compiler vectorises (mul + add without FMA
/// instructions when the build targets baseline x86-64).
float fp32_peak_plain(long steps, float m, float a) {
  float acc[kPeakVectors * 8];
  for (int l = 0; l < kPeakVectors * 8; ++l) acc[l] = 1.0f + 1e-3f * float(l);
  for (long s = 0; s < steps; ++s)
    for (int l = 0; l < kPeakVectors * 8; ++l) acc[l] = acc[l] * m + a;
  float sum = 0;
  for (int l = 0; l < kPeakVectors * 8; ++l) sum += acc[l];
  return sum;
}

#ifdef LAS_BENCH_AVX2_PEAK
/// The core's peak: AVX2 + FMA whatever the build flags (checked at run time).
__attribute__((target("avx2,fma"))) float fp32_peak_avx2(long steps, float m, float a) {
  __m256 acc[kPeakVectors];
  for (int v = 0; v < kPeakVectors; ++v) acc[v] = _mm256_set1_ps(1.0f + 1e-3f * float(v));
  const __m256 mv = _mm256_set1_ps(m), av = _mm256_set1_ps(a);
  for (long s = 0; s < steps; ++s) {
    acc[0] = _mm256_fmadd_ps(acc[0], mv, av);
    acc[1] = _mm256_fmadd_ps(acc[1], mv, av);
    acc[2] = _mm256_fmadd_ps(acc[2], mv, av);
    acc[3] = _mm256_fmadd_ps(acc[3], mv, av);
    acc[4] = _mm256_fmadd_ps(acc[4], mv, av);
    acc[5] = _mm256_fmadd_ps(acc[5], mv, av);
    acc[6] = _mm256_fmadd_ps(acc[6], mv, av);
    acc[7] = _mm256_fmadd_ps(acc[7], mv, av);
    acc[8] = _mm256_fmadd_ps(acc[8], mv, av);
    acc[9] = _mm256_fmadd_ps(acc[9], mv, av);
    acc[10] = _mm256_fmadd_ps(acc[10], mv, av);
    acc[11] = _mm256_fmadd_ps(acc[11], mv, av);
  }
  __m256 sum = acc[0];
  for (int v = 1; v < kPeakVectors; ++v) sum = _mm256_add_ps(sum, acc[v]);
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, sum);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
}
bool have_avx2_fma() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }
#endif

float run_peak(int kind, long steps) {
  // m just below 1 and a small: values stay bounded and never denormal.
  volatile float m = 0.9999999f, a = 1e-7f;
#ifdef LAS_BENCH_AVX2_PEAK
  if (kind == 0) return fp32_peak_avx2(steps, m, a);
#endif
  return fp32_peak_plain(steps, m, a);
}

}  // namespace

/// kind 0: AVX2+FMA intrinsics; kind 1: plain C++ with the build's flags.
void bm_fp32_peak(benchmark::State& state, int kind) {
#ifdef LAS_BENCH_AVX2_PEAK
  if (kind == 0 && !have_avx2_fma()) {
    state.SkipWithError("this CPU has no AVX2+FMA");
    return;
  }
#else
  if (kind == 0) {
    state.SkipWithError("AVX2+FMA peak is only built for x86-64");
    return;
  }
#endif
  float sink = 0;
  const auto t0 = Clock::now();
  for (auto _ : state) sink += run_peak(kind, kPeakSteps);
  const auto t1 = Clock::now();
  benchmark::DoNotOptimize(sink);
  const double sec = std::chrono::duration<double>(t1 - t0).count();
  const double flops = kPeakFlopsPerCall * double(state.iterations()) / sec;
  state.counters["gflops"] = flops * 1e-9;
  peak_samples(kind).push_back({state.iterations(), flops});
}

/// Median peak FLOP/s of this run; measured here (7 short runs) if its benchmark was
/// filtered out.
double fp32_peak(int kind) {
  static double fallback[2] = {0, 0};
  if (!peak_samples(kind).empty()) return median_of_last(peak_samples(kind));
#ifdef LAS_BENCH_AVX2_PEAK
  if (kind == 0 && !have_avx2_fma()) return 0;
#else
  if (kind == 0) return 0;
#endif
  if (fallback[kind] == 0) {
    std::vector<double> reps;
    float sink = 0;
    for (int r = 0; r < 7; ++r) {
      const auto t0 = Clock::now();
      sink += run_peak(kind, kPeakSteps / 4);
      const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
      reps.push_back(kPeakFlopsPerCall / 4 / sec);
    }
    benchmark::DoNotOptimize(sink);
    fallback[kind] = median(reps);
  }
  return fallback[kind];
}

}  // namespace las_bench
