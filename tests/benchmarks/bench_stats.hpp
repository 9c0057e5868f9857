// SPDX-License-Identifier: BSD-3-Clause
// Medians of benchmark repetitions, shared by the bandwidth and compute anchors.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

namespace las_bench {

/// One measured call of an anchor benchmark: its iteration count and achieved rate.
struct Sample {
  benchmark::IterationCount iterations;
  double value;  ///< bytes/s (triad) or FLOP/s (FP32 peak)
};

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/// Median over the repetitions. Google Benchmark estimates the iteration count in the
/// first repetition with shorter trial runs, then reuses it for every repetition; the
/// repetitions are therefore the samples with the last (largest) iteration count.
inline double median_of_last(const std::vector<Sample>& s) {
  std::vector<double> reps;
  for (const auto& t : s)
    if (t.iterations == s.back().iterations) reps.push_back(t.value);
  return reps.empty() ? 0.0 : median(reps);
}

}  // namespace las_bench
