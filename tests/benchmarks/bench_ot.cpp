// SPDX-License-Identifier: BSD-3-Clause
// bench_ot: las's Sinkhorn kernel against the machine's exp + row-reduction limit, and
// one SNS iteration against one Sinkhorn iteration, in the same process. A benchmark,
// not a test (not registered with CTest). Run it on one rank:
//   bench_ot [--benchmark_filter=...] [--benchmark_format=json]
//
// The work: one Sinkhorn half-iteration on an n x n problem is, for every row i,
//   lse_i = log Σ_j exp(eta (y_j - C_ij)),  C_ij = |p_i - q_j|² (2D points, on the fly),
// i.e. n² cost evaluations, exps and adds. The benchmarks:
//   ot_exp_limit/<n>    that work as fast as this core allows: the row shift known in
//                       advance (no online max), points in structure-of-arrays layout,
//                       and a vectorised exp (AVX2+FMA intrinsics, 4 doubles per
//                       instruction, Cody-Waite reduction and a degree-11 polynomial,
//                       relative error < 1e-15), every one of the n² exps evaluated.
//                       Checked against std::exp sums before it is timed. Without
//                       AVX2+FMA it is the same loop in plain C++ (scalar libm exp).
//   ot_row_lse/<n>      las's kernel (kernels::ot_row_lse with PointCost): streaming
//                       max-shifted log-sum-exp that skips terms e^-50 below the running
//                       maximum (so at large eta it evaluates far fewer than n² exps).
//   ot_sinkhorn_iteration/<n>  a full Sinkhorn iteration of las (DualState: the row
//                       pass that measures the error and updates x, the column pass that
//                       updates y): 2n² entries.
// Each reports entries_per_second (n² per half-iteration) and frac_of_limit (its
// entries/s over the median limit's of this run). eta = 100 (POT reg 0.01) on
// Gaussian-mixture clouds in [0, 1]².
//   ot_iteration_ratio/<n>  solves the same problem with SNS and with Sinkhorn (capped
//                       at 300 iterations) and reports the mean seconds of an SNS Newton
//                       iteration, of an SNS iteration (Sinkhorn warm-up included), of a
//                       Sinkhorn iteration, and their ratios (issue target: SNS iteration
//                       <= 1.5 x Sinkhorn iteration), from the solvers' own histories.
#include <benchmark/benchmark.h>
#include <mpi.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define LAS_BENCH_AVX2_EXP 1
#endif

#include "bench_stats.hpp"
#include "kernels/ot.hpp"
#include "solvers/ot/dual_state.hpp"
#include "solvers/ot/ot_problems.hpp"
#include "solvers/ot/ot_solve.hpp"

namespace {

namespace k = las::kernels;
using Clock = std::chrono::steady_clock;
constexpr double kEta = 100;

las::ot::PointCloudSpec cloud_spec(long long n) {
  las::ot::PointCloudSpec s;
  s.n = n;
  s.kind = las::ot::CloudKind::GaussianMixture;
  s.seed = 1;
  return s;
}

/// The problem's points and potentials on the host, in both layouts.
struct OtData {
  long long n = 0;
  std::vector<double> px, py, qx, qy, y, shift;  // structure of arrays (the limit)
  k::Matrix p, q;                               // las's row-major points
  k::Vector yd, lse;
  explicit OtData(long long n_) : n(n_) {
    const las::ot::PointCloudSpec spec = cloud_spec(n);
    // The same clouds as las::ot::point_clouds draws, read back from a one-rank problem.
    las::Comm self(MPI_COMM_SELF);
    const las::ot::OtProblem problem = las::ot::point_clouds(self, spec);
    las::ot::DualState state(problem, kEta);
    for (int it = 0; it < 5; ++it) state.sinkhorn_update();  // realistic potentials
    problem.visit_cost([&](const auto& cost) {
      if constexpr (std::is_same_v<std::decay_t<decltype(cost)>, k::PointCost>) {
        p = k::Matrix("p", size_t(n), 2);
        q = k::Matrix("q", size_t(n), 2);
        Kokkos::deep_copy(p, cost.row_points);
        Kokkos::deep_copy(q, cost.col_points);
      }
    });
    yd = k::Vector("y", size_t(n));
    Kokkos::deep_copy(yd, state.y());
    lse = k::Vector("lse", size_t(n));
    auto hp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), p);
    auto hq = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), q);
    auto hy = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), yd);
    for (long long i = 0; i < n; ++i) {
      px.push_back(hp(i, 0)), py.push_back(hp(i, 1));
      qx.push_back(hq(i, 0)), qy.push_back(hq(i, 1));
      y.push_back(hy(i));
    }
    // The shift of each row (its largest exponent), computed once: the limit kernel
    // needs no online maximum.
    shift.assign(size_t(n), -1e300);
    for (long long i = 0; i < n; ++i)
      for (long long j = 0; j < n; ++j) {
        const double dx = px[i] - qx[j], dy = py[i] - qy[j];
        shift[i] = std::max(shift[i], kEta * (y[j] - (dx * dx + dy * dy)));
      }
  }
};

/// Problems by size, built on first use; main() releases them before Kokkos is finalised.
std::vector<std::unique_ptr<OtData>>& all_data() {
  static std::vector<std::unique_ptr<OtData>> all;
  return all;
}

OtData& data(long long n) {
  auto& all = all_data();
  for (auto& d : all)
    if (d->n == n) return *d;
  all.push_back(std::make_unique<OtData>(n));
  return *all.back();
}

// ---------------------------------------------------------------------------------
// The limit kernel: sums[i] = Σ_j exp(eta (y_j - |p_i - q_j|²) - shift_i).

void limit_rows_plain(const OtData& d, double* sums) {
  const size_t n = size_t(d.n);
  for (size_t i = 0; i < n; ++i) {
    double s = 0;
    for (size_t j = 0; j < n; ++j) {
      const double dx = d.px[i] - d.qx[j], dy = d.py[i] - d.qy[j];
      s += std::exp(kEta * (d.y[j] - (dx * dx + dy * dy)) - d.shift[i]);
    }
    sums[i] = s;
  }
}

#ifdef LAS_BENCH_AVX2_EXP
bool have_avx2_fma() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

/// exp(a) for 4 doubles, a <= 0: a = m ln2 + r with |r| <= ln2/2 (Cody-Waite, ln2 split
/// in two so m ln2 is exact), exp(r) by its Taylor polynomial to degree 11 (remainder
/// < 0.35^12/12! < 1e-15), times 2^m built in the exponent bits. Inputs below -708 are
/// clamped there (the result, < 1e-307, is then not exact, and is negligible in a sum
/// shifted by the row maximum).
__attribute__((target("avx2,fma"))) inline __m256d exp4(__m256d a) {
  const __m256d log2e = _mm256_set1_pd(1.4426950408889634);
  const __m256d ln2_hi = _mm256_set1_pd(6.93145751953125e-1);
  const __m256d ln2_lo = _mm256_set1_pd(1.42860682030941723212e-6);
  a = _mm256_max_pd(a, _mm256_set1_pd(-708.0));
  const __m256d m = _mm256_round_pd(_mm256_mul_pd(a, log2e), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256d r = _mm256_fnmadd_pd(m, ln2_hi, a);
  r = _mm256_fnmadd_pd(m, ln2_lo, r);
  static const double c[12] = {1.0,           1.0,           1.0 / 2,        1.0 / 6,
                               1.0 / 24,      1.0 / 120,     1.0 / 720,      1.0 / 5040,
                               1.0 / 40320,   1.0 / 362880,  1.0 / 3628800,  1.0 / 39916800};
  __m256d p = _mm256_set1_pd(c[11]);
  for (int k = 10; k >= 0; --k) p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(c[k]));
  // 2^m: m + 1023 in the exponent field. m is integral and in [-1022, 0]: convert via
  // the 2^52 + 2^51 trick (its low mantissa bits hold m as an integer).
  const __m256d magic = _mm256_set1_pd(6755399441055744.0);
  const __m256i bits = _mm256_castpd_si256(_mm256_add_pd(m, magic));
  const __m256i e = _mm256_slli_epi64(
      _mm256_add_epi64(_mm256_sub_epi64(bits, _mm256_castpd_si256(magic)), _mm256_set1_epi64x(1023)), 52);
  return _mm256_mul_pd(p, _mm256_castsi256_pd(e));
}

__attribute__((target("avx2,fma"))) void limit_rows_avx2(const OtData& d, double* sums) {
  const size_t n = size_t(d.n), n4 = n / 4 * 4;
  const __m256d eta = _mm256_set1_pd(kEta);
  for (size_t i = 0; i < n; ++i) {
    const __m256d pxi = _mm256_set1_pd(d.px[i]), pyi = _mm256_set1_pd(d.py[i]);
    const __m256d shift = _mm256_set1_pd(d.shift[i]);
    __m256d acc = _mm256_setzero_pd();
    for (size_t j = 0; j < n4; j += 4) {
      const __m256d dx = _mm256_sub_pd(pxi, _mm256_loadu_pd(&d.qx[j]));
      const __m256d dy = _mm256_sub_pd(pyi, _mm256_loadu_pd(&d.qy[j]));
      const __m256d c = _mm256_fmadd_pd(dy, dy, _mm256_mul_pd(dx, dx));
      const __m256d a = _mm256_fmsub_pd(eta, _mm256_sub_pd(_mm256_loadu_pd(&d.y[j]), c), shift);
      acc = _mm256_add_pd(acc, exp4(a));
    }
    alignas(32) double lanes[4];
    _mm256_store_pd(lanes, acc);
    double s = lanes[0] + lanes[1] + lanes[2] + lanes[3];
    for (size_t j = n4; j < n; ++j) {
      const double dx = d.px[i] - d.qx[j], dy = d.py[i] - d.qy[j];
      s += std::exp(kEta * (d.y[j] - (dx * dx + dy * dy)) - d.shift[i]);
    }
    sums[i] = s;
  }
}
#endif

void limit_rows(const OtData& d, double* sums) {
#ifdef LAS_BENCH_AVX2_EXP
  if (have_avx2_fma()) return limit_rows_avx2(d, sums);
#endif
  limit_rows_plain(d, sums);
}

/// The limit's samples per problem size n.
std::vector<las_bench::Sample>& limit_samples(long long n) {
  static std::map<long long, std::vector<las_bench::Sample>> samples;
  return samples[n];
}

/// Median limit entries/s of this run (measured on the spot if it was filtered out).
double limit_rate(long long n) {
  if (!limit_samples(n).empty()) return las_bench::median_of_last(limit_samples(n));
  const OtData& d = data(n);
  std::vector<double> sums(static_cast<size_t>(n)), reps;
  for (int r = 0; r < 5; ++r) {
    const auto t0 = Clock::now();
    limit_rows(d, sums.data());
    reps.push_back(double(n) * double(n) / std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return las_bench::median(reps);
}

void bm_exp_limit(benchmark::State& state) {
  const long long n = state.range(0);
  const OtData& d = data(n);
  std::vector<double> sums(static_cast<size_t>(n)), check(static_cast<size_t>(n));
  // The fast kernel must compute what las computes: its log-sums against the scalar
  // std::exp loop, then against las's own kernel.
  limit_rows(d, sums.data());
  limit_rows_plain(d, check.data());
  k::ot_row_lse(k::PointCost{d.p, d.q, k::OtCost::SquaredEuclidean}, size_t(n), size_t(n), kEta, d.yd, d.lse);
  auto lse = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), d.lse);
  for (long long i = 0; i < n; ++i) {
    const double mine = d.shift[size_t(i)] + std::log(sums[size_t(i)]);
    if (std::abs(sums[size_t(i)] - check[size_t(i)]) > 1e-13 * check[size_t(i)] ||
        std::abs(mine - lse(i)) > 1e-12 * std::max(1.0, std::abs(lse(i)))) {
      state.SkipWithError("the limit kernel's sums disagree with std::exp / las's ot_row_lse");
      return;
    }
  }
  const auto t0 = Clock::now();
  for (auto _ : state) {
    limit_rows(d, sums.data());
    benchmark::DoNotOptimize(sums.data());
  }
  const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
  const double rate = double(n) * double(n) * double(state.iterations()) / sec;
  state.counters["entries_per_second"] = rate;
  limit_samples(n).push_back({state.iterations(), rate});
}

void report_vs_limit(benchmark::State& state, Clock::time_point t0, double entries_per_call) {
  const double sec = std::chrono::duration<double>(Clock::now() - t0).count();
  const double rate = entries_per_call * double(state.iterations()) / sec;
  state.counters["entries_per_second"] = rate;
  state.counters["frac_of_limit"] = rate / limit_rate(state.range(0));
}

void bm_row_lse(benchmark::State& state) {
  const long long n = state.range(0);
  const OtData& d = data(n);
  const k::PointCost cost{d.p, d.q, k::OtCost::SquaredEuclidean};
  const auto t0 = Clock::now();
  for (auto _ : state) {
    k::ot_row_lse(cost, size_t(n), size_t(n), kEta, d.yd, d.lse);
    Kokkos::fence();
  }
  report_vs_limit(state, t0, double(n) * double(n));
}

void bm_sinkhorn_iteration(benchmark::State& state) {
  const long long n = state.range(0);
  las::Comm self(MPI_COMM_SELF);
  const las::ot::OtProblem problem = las::ot::point_clouds(self, cloud_spec(n));
  las::ot::DualState s(problem, kEta);
  const auto t0 = Clock::now();
  for (auto _ : state) {
    benchmark::DoNotOptimize(s.sinkhorn_measure());
    s.sinkhorn_update();
    Kokkos::fence();
  }
  report_vs_limit(state, t0, 2.0 * double(n) * double(n));
}

/// Mean seconds of the history entries (after the start) whose step is one of `kinds`.
double mean_step_seconds(const las::ot::OtResult& r, const std::string& kinds) {
  double total = 0;
  int count = 0;
  for (size_t e = 1; e < r.history_seconds.size(); ++e)
    if (kinds.find(r.history_steps[e]) != std::string::npos) {
      total += r.history_seconds[e] - r.history_seconds[e - 1];
      ++count;
    }
  return count ? total / count : 0.0;
}

void bm_iteration_ratio(benchmark::State& state) {
  const long long n = state.range(0);
  las::Comm self(MPI_COMM_SELF);
  const las::ot::OtProblem problem = las::ot::point_clouds(self, cloud_spec(n));
  las::ot::OtOptions o;
  o.eta = kEta;
  o.tol = 1e-9;
  las::ot::OtResult sns, sk;
  for (auto _ : state) {
    sns = las::ot::solve_sns(problem, o);
    las::ot::OtOptions capped = o;
    capped.max_iterations = 300;  // enough for a per-iteration mean
    sk = las::ot::solve_sinkhorn(problem, capped);
  }
  const double newton = mean_step_seconds(sns, "n");
  const double sns_any = sns.report.seconds_per_iteration();
  const double sinkhorn = mean_step_seconds(sk, "k");
  state.counters["sns_iterations"] = sns.report.iterations;
  state.counters["sns_newton_iterations"] = sns.newton_iterations;
  state.counters["sns_newton_s"] = newton;
  state.counters["sns_iteration_s"] = sns_any;
  state.counters["sinkhorn_iteration_s"] = sinkhorn;
  state.counters["newton_over_sinkhorn"] = sinkhorn > 0 ? newton / sinkhorn : 0.0;
  state.counters["sns_over_sinkhorn"] = sinkhorn > 0 ? sns_any / sinkhorn : 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    for (long long n : {1000LL, 2000LL}) {
      // The limit first: the others report their fraction of it.
      benchmark::RegisterBenchmark("ot_exp_limit", bm_exp_limit)
          ->Arg(n)->Repetitions(5)->ReportAggregatesOnly(true)->MinTime(0.3)->UseRealTime();
      benchmark::RegisterBenchmark("ot_row_lse", bm_row_lse)
          ->Arg(n)->Repetitions(5)->ReportAggregatesOnly(true)->MinTime(0.3)->UseRealTime();
      benchmark::RegisterBenchmark("ot_sinkhorn_iteration", bm_sinkhorn_iteration)
          ->Arg(n)->Repetitions(5)->ReportAggregatesOnly(true)->MinTime(0.3)->UseRealTime();
      benchmark::RegisterBenchmark("ot_iteration_ratio", bm_iteration_ratio)
          ->Arg(n)->Iterations(1)->UseRealTime();
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    all_data().clear();  // Views must go before Kokkos::finalize
  }
  MPI_Finalize();
  return 0;
}
