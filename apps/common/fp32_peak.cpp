// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/fp32_peak.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LAS_AVX2_PEAK 1
#endif

namespace las::app {
namespace {

using Clock = std::chrono::steady_clock;

/// Independent FMA chains: kPeakVectors accumulators of 8 floats, each updated
/// acc = acc * m + a per step. 12 chains cover the FMA latency (4 cycles) times the
/// FMA pipes (2) with room to spare, and fit in the 16 vector registers.
constexpr int kPeakVectors = 12;

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

#ifdef LAS_AVX2_PEAK
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
#endif

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

}  // namespace

bool fp32_peak_available(Fp32PeakKind kind) {
  if (kind == Fp32PeakKind::Build) return true;
#ifdef LAS_AVX2_PEAK
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

float run_fp32_peak(Fp32PeakKind kind, long steps) {
  // m just below 1 and a small: values stay bounded and never denormal.
  volatile float m = 0.9999999f, a = 1e-7f;
#ifdef LAS_AVX2_PEAK
  if (kind == Fp32PeakKind::Avx2Fma && fp32_peak_available(kind)) return fp32_peak_avx2(steps, m, a);
#endif
  return fp32_peak_plain(steps, m, a);
}

double fp32_peak_flops(long steps) { return 2.0 * 8 * kPeakVectors * double(steps); }

double measure_fp32_peak(Fp32PeakKind kind, int repetitions, long steps) {
  if (!fp32_peak_available(kind) || repetitions < 1) return 0;
  std::vector<double> reps;
  volatile float sink = 0;
  for (int r = 0; r < repetitions; ++r) {
    const auto t0 = Clock::now();
    sink = sink + run_fp32_peak(kind, steps);
    const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
    reps.push_back(fp32_peak_flops(steps) / sec);
  }
  return median(reps);
}

}  // namespace las::app
