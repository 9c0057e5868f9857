// SPDX-License-Identifier: BSD-3-Clause
#include "triad_anchor_bench.hpp"

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "bench_stats.hpp"
#include "kernels/blas1.hpp"
#include "triad_baseline.hpp"

namespace las_bench {
namespace {

namespace k = las::kernels;
using Clock = std::chrono::steady_clock;

/// The baseline triad runs where this build compiles for more than baseline x86-64
/// (otherwise both are the same code, and the faster of two would only pick the luckier
/// noise) and the host can read the kernels' memory.
#if defined(__x86_64__) && defined(__AVX__)
constexpr bool kBaselineTriad = Kokkos::SpaceAccessibility<Kokkos::HostSpace, k::MemSpace>::accessible;
#else
constexpr bool kBaselineTriad = false;
#endif

/// The triad's arrays, allocated on first use and kept for every repetition.
struct TriadArrays {
  k::Vector a, b, c;
  explicit TriadArrays(size_t rows) : a("triad_a", rows), b("triad_b", rows), c("triad_c", rows) {
    Kokkos::deep_copy(a, 0.0);  // first touch, outside the timed loop
    Kokkos::deep_copy(b, 1.0);
    Kokkos::deep_copy(c, 2.0);
  }
};
std::unique_ptr<TriadArrays> g_arrays;

std::vector<Sample>& triad_samples(TriadKind kind) {
  static std::vector<Sample> samples[2];
  return samples[int(kind)];
}

void triad(TriadKind kind, const TriadArrays& t, double s) {
  if (kind == TriadKind::baseline) {
    triad_baseline(t.a.data(), t.b.data(), t.c.data(), s, t.a.extent(0));
    return;
  }
  const k::Vector a = t.a, b = t.b, c = t.c;
  Kokkos::parallel_for(
      "las::bench_triad", k::range(a.extent(0)), KOKKOS_LAMBDA(size_t i) { a(i) = b(i) + s * c(i); });
}

/// Median bytes/s of one triad in this run; if it was filtered out, 7 short runs here.
double triad_median(TriadKind kind, size_t rows) {
  static double fallback[2] = {0, 0};
  if (!triad_samples(kind).empty()) return median_of_last(triad_samples(kind));
  double& f = fallback[int(kind)];
  if (f == 0) {
    const TriadArrays t(rows);
    std::vector<double> reps;
    for (int r = 0; r < 7; ++r) {
      const auto t0 = Clock::now();
      triad(kind, t, 3.0);
      Kokkos::fence();
      reps.push_back(24.0 * double(rows) / std::chrono::duration<double>(Clock::now() - t0).count());
    }
    f = median(reps);
  }
  return f;
}

}  // namespace

bool baseline_triad_runs() { return kBaselineTriad; }

/// Bytes: 24 per element (read b, c; write a). As in STREAM, the write-allocate read of a
/// (the cache line is loaded before it is overwritten unless the compiler emits
/// non-temporal stores) is not counted. No frac_of_triad: the anchor is known once every
/// triad has run (run_kernel_bench.sh prints it).
void bm_triad(benchmark::State& state, TriadKind kind, size_t rows) {
  if (!g_arrays) g_arrays = std::make_unique<TriadArrays>(rows);
  const double bytes = 24.0 * double(rows), flops = 2.0 * double(rows);
  const auto t0 = Clock::now();
  for (auto _ : state) {
    triad(kind, *g_arrays, 3.0);
    Kokkos::fence();
  }
  const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
  triad_samples(kind).push_back({state.iterations(), report_rates(state, sec, bytes, flops)});
}

double triad_anchor(size_t rows) {
  const double build = triad_median(TriadKind::build, rows);
  return kBaselineTriad ? std::max(build, triad_median(TriadKind::baseline, rows)) : build;
}

void release_triad() { g_arrays.reset(); }

}  // namespace las_bench
