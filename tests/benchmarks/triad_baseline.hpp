// SPDX-License-Identifier: BSD-3-Clause
// A second STREAM triad for bench_kernels' bandwidth anchor, compiled for baseline
// x86-64 whatever the build's flags (tests/benchmarks/CMakeLists.txt). Why: the triad a
// build's own flags produce is not always the fastest the memory delivers. On the EPYC
// the -march=native triad (AVX-512) ran at 19.4-21 GB/s against the portable binary's
// 25.7 (README, Performance), so a native build's kernels looked closer to the memory's
// limit than they were. The anchor is the faster of the two triads.
#pragma once

#include <cstddef>

namespace las_bench {

/// a[i] = b[i] + s c[i], i < n: a plain loop, no Kokkos (the file is compiled with other
/// flags than the rest of the program, so it must share no inline code with it).
void triad_baseline(double* a, const double* b, const double* c, double s, size_t n);

}  // namespace las_bench
