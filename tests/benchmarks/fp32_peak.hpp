// SPDX-License-Identifier: BSD-3-Clause
// The single-core FP32 peak, the anchor of the compute-bound network convolutions:
// independent FMA chains in registers, as AVX2+FMA intrinsics (the core's peak whatever
// the build flags, kind 0) and as plain C++ compiled with this build's flags (the peak
// this binary's code can reach, kind 1).
#pragma once

#include <benchmark/benchmark.h>

namespace las_bench {

/// The benchmark "fp32_peak/avx2_fma" (kind 0) or "fp32_peak/build" (kind 1).
void bm_fp32_peak(benchmark::State& state, int kind);

/// Median peak FLOP/s of this run; measured on the spot (7 short runs) if its
/// benchmark was filtered out; 0 when the CPU lacks AVX2+FMA (kind 0).
double fp32_peak(int kind);

}  // namespace las_bench
