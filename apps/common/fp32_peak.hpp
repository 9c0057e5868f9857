// SPDX-License-Identifier: BSD-3-Clause
// The single-core FP32 peak, the anchor of the compute-bound network convolutions:
// independent FMA chains in registers, as AVX2+FMA intrinsics (the core's peak whatever
// the build flags) and as plain C++ compiled with this build's flags (the peak this
// binary's code can reach). Used by las_learned_cg (measured in the same run as the
// network's forward pass) and by tests/benchmarks (bench_kernels' fp32_peak/*).
#pragma once

namespace las::app {

enum class Fp32PeakKind {
  Avx2Fma = 0,  ///< AVX2 + FMA intrinsics: the core's peak
  Build = 1,    ///< the same loop in plain C++ with this build's flags
};

/// Steps of one full-length call (about 10 ms at 20 GFLOP/s).
constexpr long kFp32PeakSteps = 1L << 22;

/// False for Avx2Fma when the CPU lacks AVX2+FMA or the build is not for x86-64.
bool fp32_peak_available(Fp32PeakKind kind);

/// One call of the FMA loop with `steps` steps. Returns the accumulators' sum: feed it
/// to a sink so the loop is not optimised away. Falls back to Build when the kind is
/// not available.
float run_fp32_peak(Fp32PeakKind kind, long steps);

/// Floating-point operations of one call with `steps` steps (an FMA counts 2).
double fp32_peak_flops(long steps);

/// Median FLOP/s over `repetitions` timed calls of `steps` steps each; 0 when the kind
/// is not available.
double measure_fp32_peak(Fp32PeakKind kind, int repetitions = 7, long steps = kFp32PeakSteps / 4);

}  // namespace las::app
