// SPDX-License-Identifier: BSD-3-Clause
// Medians of benchmark repetitions and the rate counters, shared by the bandwidth and
// compute anchors and the kernels measured against them.
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

/// Sets bytes_per_second, gflops and bytes_per_call for `state`, whose loop took
/// `seconds` and moved `bytes_per_call` / executed `flops_per_call` per iteration;
/// returns the bytes/s.
inline double report_rates(benchmark::State& state, double seconds, double bytes_per_call,
                           double flops_per_call) {
  const double iters = double(state.iterations());
  state.SetBytesProcessed(int64_t(bytes_per_call * iters));
  state.counters["gflops"] = flops_per_call * iters / seconds * 1e-9;
  state.counters["bytes_per_call"] = bytes_per_call;
  return bytes_per_call * iters / seconds;
}

}  // namespace las_bench
