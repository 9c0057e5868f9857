// SPDX-License-Identifier: BSD-3-Clause
// bench_kernels' bandwidth anchor: a STREAM triad a = b + s c measured in the same run,
// with its per-repetition samples kept for the other kernels' fractions. Two triads where
// the build compiles for more than baseline x86-64: the build's own (a Kokkos kernel)
// and baseline code (triad_baseline.hpp says why); the anchor is the faster.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>

namespace las_bench {

enum class TriadKind { build, baseline };

/// Whether the baseline triad runs in this build (it differs from the build's, and the
/// host can read the kernels' memory).
bool baseline_triad_runs();

/// The benchmark "triad/N" or "triad_baseline/N" on three arrays of `rows` doubles
/// (allocated on first use, kept until release_triad()).
void bm_triad(benchmark::State& state, TriadKind kind, size_t rows);

/// The anchor in bytes/s: the median of this run's triad, or the faster of the two;
/// a triad filtered out of the run is measured on the spot (7 runs).
double triad_anchor(size_t rows);

/// Frees the arrays (before Kokkos is finalised).
void release_triad();

}  // namespace las_bench
