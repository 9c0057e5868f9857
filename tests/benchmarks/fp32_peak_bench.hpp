// SPDX-License-Identifier: BSD-3-Clause
// bench_kernels' FP32-peak anchor: the FMA loops of apps/common/fp32_peak.hpp as Google
// Benchmarks, with their per-repetition samples kept for the convolutions' fractions.
#pragma once

#include <benchmark/benchmark.h>

namespace las_bench {

/// The benchmark "fp32_peak/avx2_fma" (kind 0) or "fp32_peak/build" (kind 1).
void bm_fp32_peak(benchmark::State& state, int kind);

/// Median peak FLOP/s of this run; measured on the spot (7 short runs) if its
/// benchmark was filtered out; 0 when the CPU lacks AVX2+FMA (kind 0).
double fp32_peak(int kind);

}  // namespace las_bench
