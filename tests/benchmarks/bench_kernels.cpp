// SPDX-License-Identifier: BSD-3-Clause
// bench_kernels: node-level bandwidth of las's kernels against a STREAM triad measured
// in the same run (DESIGN.md, "Performance model"). It is a benchmark, not a test: it
// records speed and is not registered with CTest. tests/benchmarks/run_kernel_bench.sh
// runs it and prints the table that goes into the README.
//
// Every kernel reports
//   bytes_per_second  compulsory memory traffic per call / wall time (the models are
//                     given next to each benchmark; Google Benchmark prints it in GiB/s,
//                     the JSON holds bytes/s),
//   frac_of_triad     its bytes/s over the anchor (anchor_bytes_per_second): the median
//                     bytes/s of this run's triad, or of the faster of two where the
//                     build compiles for more than baseline x86-64 (the build's, and
//                     baseline code: triad_baseline.hpp says why),
//   gflops            executed floating-point operations per second (as written in the
//                     kernel, FMAs counted as 2).
// The triads run first (triad_anchor_bench.hpp keeps their samples) so the later kernels
// can report their fraction of the anchor. Defaults (overridable on the command line): 5
// repetitions, aggregates only (so medians are printed), 0.4 s minimum per repetition; the
// whole run takes about a minute on one core here.
//
// The network convolutions (kernels/nn_conv.hpp) are compute-bound, so their anchor is
// an FP32 FMA peak measured in the same run instead: fp32_peak/avx2_fma (independent
// FMA chains in registers, AVX2+FMA intrinsics: the core's peak whatever the build
// flags) and fp32_peak/build (the same loop in plain C++, compiled with this build's
// flags: the peak this binary's code can reach). They report
//   frac_of_fp32_peak        GFLOP/s over the median avx2_fma peak,
//   frac_of_build_fp32_peak  GFLOP/s over the median build peak.
//
// Sizes: --las_grid2d=N (default 2048), --las_grid3d=N (128), --las_vector_rows=N (the 2D
// grid's cells), --las_triad_rows=N (2^25); choose them so each kernel's traffic exceeds
// the last-level cache (STREAM asks for each triad array to be 4x the cache).
//
// Run it on one rank. Under mpiexec every rank runs the same kernels on its own data
// (loading the other cores, as a multi-rank solve does) and only rank 0 reports.
#include <benchmark/benchmark.h>
#include <mpi.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench_stats.hpp"
#include "fp32_peak_bench.hpp"
#include "triad_anchor_bench.hpp"
#include "kernels/blas1.hpp"
#include "kernels/halo_pack.hpp"
#include "kernels/nn.hpp"
#include "kernels/relaxation.hpp"
#include "kernels/sparse.hpp"
#include "kernels/stencil.hpp"

namespace {

namespace k = las::kernels;
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------
// Problem sizes. The stencil, SpMV and vector sizes are flags (--las_grid2d=N,
// --las_grid3d=N, --las_vector_rows=N, --las_triad_rows=N): the defaults exceed a 32 MiB L3, but on
// a CPU whose L3 holds them the kernels run from cache and the table needs larger ones.
struct Sizes {
  size_t triad_rows = size_t(1) << 25;  // 3 arrays x 256 MiB: far beyond a 32 MiB L3
  int n2 = 2048;                        // 2D grid 2048^2: 32 MiB per vector
  int n3 = 128;                         // 3D grid 128^3: 16 MiB per vector
  size_t vector_rows = 0;               // CG vector updates; 0: the 2D grid's rows
  int grid(int dim) const { return dim == 2 ? n2 : n3; }
  size_t rows() const { return vector_rows ? vector_rows : size_t(n2) * n2; }
};
Sizes g_sizes;
constexpr int kConvN3 = 64;  // network convolutions: 64^3 (3D), 1024^2 (2D)
constexpr int kConvN2 = 1024;
constexpr int kConvChannels = 16;  // DCDM: 16 channels everywhere

// A deterministic, non-constant field, so no kernel sees only zeros.
void fill_pattern(const k::Vector& v, double scale) {
  Kokkos::parallel_for(
      "las::bench_fill", k::range(v.extent(0)),
      KOKKOS_LAMBDA(size_t i) { v(i) = scale * (1.0 + double((i * 7919) % 1000) * 1e-3); });
}

// ---------------------------------------------------------------------------------
// Timing helpers. Each benchmark times its own `for (auto _ : state)` loop with a
// steady clock (the span Google Benchmark's real-time timer covers) and derives the
// triad fraction from that; bytes_per_second comes from Google Benchmark itself.

/// Sets bytes_per_second, gflops and frac_of_triad for `state`, whose loop ran from
/// t0 to t1 and moved `bytes_per_call` / executed `flops_per_call` per iteration.
void report_vs_triad(benchmark::State& state, Clock::time_point t0, Clock::time_point t1,
                     double bytes_per_call, double flops_per_call) {
  const double sec = std::chrono::duration<double>(t1 - t0).count();
  const double bps = las_bench::report_rates(state, sec, bytes_per_call, flops_per_call);
  const double anchor = las_bench::triad_anchor(g_sizes.triad_rows);
  state.counters["frac_of_triad"] = bps / anchor;
  state.counters["anchor_bytes_per_second"] = anchor;
}

// ---------------------------------------------------------------------------------
// Problem data, created on first use and kept for all repetitions (allocating and
// first-touching hundreds of MiB per repetition would dominate the run). main()
// releases it before Kokkos is finalised.

/// One rank's block with zero ghost faces (a single-rank run: all faces Dirichlet).
struct StencilProblem {
  k::LocalBox box;
  k::Vector x, y;
  k::Vector faces[6];
  k::GhostFaces ghosts;
  k::StencilCoefficients constant, variable;
  size_t face_coefficients = 0;  // entries of fx + fy (+ fz)

  StencilProblem(int dim, int n) {
    box = {n, n, dim == 3 ? n : 1};
    const size_t cells = box.cells();
    x = k::Vector("x", cells);
    y = k::Vector("y", cells);
    fill_pattern(x, 1.0);
    for (int f = 0; f < 6; ++f) faces[f] = k::Vector("ghost", k::face_size(box, f / 2));
    ghosts = {faces[0], faces[1], faces[2], faces[3], faces[4], faces[5]};
    constant.cx = constant.cy = constant.cz = 1.0;
    variable.variable = true;
    const size_t nfx = size_t(box.nx + 1) * box.ny * box.nz;
    const size_t nfy = size_t(box.nx) * (box.ny + 1) * box.nz;
    const size_t nfz = dim == 3 ? size_t(box.nx) * box.ny * (box.nz + 1) : 0;
    k::Vector fx("fx", nfx), fy("fy", nfy), fz("fz", nfz);
    fill_pattern(fx, 1.0);
    fill_pattern(fy, 1.0);
    fill_pattern(fz, 1.0);
    variable.fx = fx, variable.fy = fy, variable.fz = fz;
    face_coefficients = nfx + nfy + nfz;
  }
};

/// The assembled n^dim Laplacian of the same grid: 5/7-point, Dirichlet boundary
/// neighbours dropped (rows next to the boundary have fewer entries), columns sorted.
struct CsrProblem {
  k::CsrMatrix a;
  k::Vector x, y;
  size_t rows = 0, nnz = 0;

  CsrProblem(int dim, int n) {
    const size_t nz = dim == 3 ? size_t(n) : 1;
    rows = size_t(n) * n * nz;
    const size_t stride[3] = {1, size_t(n), size_t(n) * n};
    Kokkos::View<size_t*, k::MemSpace> row_map("row_map", rows + 1);
    auto h_rows = Kokkos::create_mirror_view(row_map);
    std::vector<int> cols;
    std::vector<double> vals;
    cols.reserve(rows * (2 * dim + 1));
    vals.reserve(rows * (2 * dim + 1));
    h_rows(0) = 0;
    for (size_t kk = 0; kk < nz; ++kk)
      for (size_t j = 0; j < size_t(n); ++j)
        for (size_t i = 0; i < size_t(n); ++i) {
          const size_t p = i + n * (j + n * kk);
          const size_t coord[3] = {i, j, kk};
          auto add = [&](size_t c, double v) {
            cols.push_back(int(c));
            vals.push_back(v);
          };
          for (int ax = dim - 1; ax >= 0; --ax)  // lower neighbours, farthest first
            if (coord[ax] > 0) add(p - stride[ax], -1.0);
          add(p, 2.0 * dim);
          for (int ax = 0; ax < dim; ++ax)
            if (coord[ax] + 1 < size_t(n)) add(p + stride[ax], -1.0);
          h_rows(p + 1) = cols.size();
        }
    nnz = cols.size();
    Kokkos::deep_copy(row_map, h_rows);
    Kokkos::View<int*, k::MemSpace> entries("entries", nnz);
    k::Vector values("values", nnz);
    auto h_cols = Kokkos::create_mirror_view(entries);
    auto h_vals = Kokkos::create_mirror_view(values);
    for (size_t e = 0; e < nnz; ++e) h_cols(e) = cols[e], h_vals(e) = vals[e];
    Kokkos::deep_copy(entries, h_cols);
    Kokkos::deep_copy(values, h_vals);
    a = k::CsrMatrix("A", int(rows), int(rows), nnz, values, row_map, entries);
    x = k::Vector("x", rows);
    y = k::Vector("y", rows);
    fill_pattern(x, 1.0);
  }
};

struct VectorProblem {
  k::Vector p{"p", g_sizes.rows()}, q{"q", g_sizes.rows()}, x{"x", g_sizes.rows()},
      r{"r", g_sizes.rows()};
  VectorProblem() {
    fill_pattern(p, 1.0);
    fill_pattern(q, 1.0);
    fill_pattern(x, 1.0);
    fill_pattern(r, 1.0);
  }
};

/// One 16 -> 16 3x3(x3) layer of the network: random-ish input with zero ghosts
/// (single rank: all faces physical), small weights so values stay O(1).
struct ConvProblem {
  k::NnField in, out;
  k::ConvWeights w;
  ConvProblem(int dim, int n) {
    const k::NnGrid g{dim, n, n, dim == 3 ? n : 1};
    in = k::make_nn_field("conv_in", g, kConvChannels);
    out = k::make_nn_field("conv_out", g, kConvChannels);
    w = k::make_conv_weights("conv", dim, 3, kConvChannels, kConvChannels);
    fill_float(in.data, 1.0f);
    k::fill_ghosts_zero(in);
    fill_float(w.w, 0.01f);
    fill_float(w.bias, 0.1f);
  }
  static void fill_float(const k::FloatArray& v, float scale) {
    Kokkos::parallel_for(
        "las::bench_fill_float", k::range(v.extent(0)),
        KOKKOS_LAMBDA(size_t i) { v(i) = scale * (float((i * 7919) % 1000) * 1e-3f - 0.5f); });
  }
};

struct Problems {
  std::unique_ptr<ConvProblem> conv[2];  // [0] 2D, [1] 3D
  std::unique_ptr<StencilProblem> stencil[2];  // [0] 2D, [1] 3D
  std::unique_ptr<CsrProblem> csr[2];
  std::unique_ptr<VectorProblem> vectors;
};
std::unique_ptr<Problems> g_problems;

template <class T, class... Args>
T& get(std::unique_ptr<T>& slot, Args... args) {
  if (!slot) slot = std::make_unique<T>(args...);
  return *slot;
}

// ---------------------------------------------------------------------------------
// Benchmarks.

/// Matrix-free stencil apply y = A x on a single-rank block with zero ghost faces.
/// Bytes per cell: 16 (read x once, write y; the neighbour lines are cache hits) plus,
/// for variable coefficients, 8 per face coefficient, each face read once:
/// (nx+1) ny nz + nx (ny+1) nz [+ nx ny (nz+1)] entries. Ghost faces (a few lines of
/// zeros) are not counted. Flops per cell as written in kernels/stencil.hpp:
/// constant 7 (2D) / 11 (3D); variable 13 / 19; the fused dot adds 2.
template <int Dim>
void bm_stencil(benchmark::State& state, bool variable, bool want_dot) {
  auto& sp = get(g_problems->stencil[Dim - 2], Dim, g_sizes.grid(Dim));
  const k::StencilCoefficients& coef = variable ? sp.variable : sp.constant;
  const double cells = double(sp.box.cells());
  const double bytes = 16.0 * cells + (variable ? 8.0 * double(sp.face_coefficients) : 0.0);
  const double flops_per_cell =
      (variable ? (Dim == 2 ? 13.0 : 19.0) : (Dim == 2 ? 7.0 : 11.0)) + (want_dot ? 2.0 : 0.0);
  double sink = 0;
  const auto t0 = Clock::now();
  for (auto _ : state) {
    sink += k::stencil_apply<Dim>(sp.box, coef, sp.x, sp.ghosts, sp.y, want_dot);
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  benchmark::DoNotOptimize(sink);
  report_vs_triad(state, t0, t1, bytes, flops_per_cell * cells);
}

/// Red-black SOR, one full sweep = red half-sweep + black half-sweep (ω = 1.5, b = y
/// of the stencil problem, zero ghosts), in place on x. A half-sweep touches every
/// cache line of x and b (the colours interleave along each line), so each moves 24
/// bytes per cell: read x and b, write x back; the full sweep 48. Neighbour lines are
/// cache hits, as for the stencil apply. Variable coefficients add 8 bytes per face
/// coefficient per half-sweep. `chain`: the same sweep as one pass
/// (stencil_sor_color_chain), which moves x and b once: 24 bytes per cell.
/// Flops per cell as written in kernels/relaxation.hpp: constant 10 (2D) / 13 (3D),
/// variable 16 / 22.
template <int Dim>
void bm_sor_red_black(benchmark::State& state, bool variable, bool chain) {
  auto& sp = get(g_problems->stencil[Dim - 2], Dim, g_sizes.grid(Dim));
  const k::StencilCoefficients& coef = variable ? sp.variable : sp.constant;
  fill_pattern(sp.y, 1e-3);  // b: a fixed right-hand side; x converges, never blows up
  const double cells = double(sp.box.cells());
  const double passes = chain ? 1 : 2;
  const double bytes = passes * (24.0 * cells + (variable ? 8.0 * double(sp.face_coefficients) : 0.0));
  const double flops_per_cell = variable ? (Dim == 2 ? 16.0 : 22.0) : (Dim == 2 ? 10.0 : 13.0);
  k::ColorChain red_black;
  red_black.omega[0] = red_black.omega[1] = 1.5;
  const auto t0 = Clock::now();
  for (auto _ : state) {
    if (chain) {
      k::stencil_sor_color_chain<Dim>(sp.box, coef, sp.y, sp.ghosts, sp.x, red_black, 0);
    } else {
      k::stencil_sor_color<Dim>(sp.box, coef, sp.y, sp.ghosts, sp.x, 1.5, 0, 0);
      k::stencil_sor_color<Dim>(sp.box, coef, sp.y, sp.ghosts, sp.x, 1.5, 1, 0);
    }
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  fill_pattern(sp.x, 1.0);  // leave x as the other benchmarks expect it
  report_vs_triad(state, t0, t1, bytes, flops_per_cell * cells);
}

/// CSR SpMV y = A x through las::kernels::spmv (KokkosKernels). Bytes: per non-zero a
/// value (8) and a column index (4); per row its offset (size_t, 8), x read once (8:
/// the neighbours of a row are reused from cache, as for the stencil) and y written
/// (8; beta = 0, so y is not read). 2 flops per non-zero.
/// The first call checks that the matrix is the operator of the constant-coefficient
/// stencil (same grid, zero ghosts), so the two rows of the table compare like with like.
template <int Dim>
void bm_spmv(benchmark::State& state) {
  auto& cp = get(g_problems->csr[Dim - 2], Dim, g_sizes.grid(Dim));
  static bool checked = false;
  if (!checked) {
    auto& sp = get(g_problems->stencil[Dim - 2], Dim, g_sizes.grid(Dim));
    k::spmv(1.0, cp.a, sp.x, 0.0, cp.y);
    k::stencil_apply<Dim>(sp.box, sp.constant, sp.x, sp.ghosts, sp.y, false);
    double diff = 0;
    const auto ya = cp.y, ys = sp.y;
    Kokkos::parallel_reduce(
        "las::bench_check", k::range(ya.extent(0)),
        KOKKOS_LAMBDA(size_t i, double& m) { m = std::max(m, std::abs(ya(i) - ys(i))); },
        Kokkos::Max<double>(diff));
    if (!(diff < 1e-12)) {
      state.SkipWithError("CSR matrix differs from the matrix-free stencil");
      return;
    }
    checked = true;
  }
  const double rows = double(cp.rows), nnz = double(cp.nnz);
  const double bytes = 12.0 * nnz + 8.0 * (rows + 1) + 16.0 * rows;
  state.counters["nnz_per_row"] = nnz / rows;
  const auto t0 = Clock::now();
  for (auto _ : state) {
    k::spmv(1.0, cp.a, cp.x, 0.0, cp.y);
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  report_vs_triad(state, t0, t1, bytes, 2.0 * nnz);
}

/// Fused CG update x += a p; r -= a q; returns r.r. Bytes 48 per row (read p, q, x, r;
/// write x, r), 6 flops.
void bm_cg_update(benchmark::State& state) {
  auto& v = get(g_problems->vectors);
  double sink = 0;
  const auto t0 = Clock::now();
  for (auto _ : state) {
    sink += k::cg_update(1e-9, v.p, v.q, v.x, v.r);
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  benchmark::DoNotOptimize(sink);
  report_vs_triad(state, t0, t1, 48.0 * double(g_sizes.rows()), 6.0 * double(g_sizes.rows()));
}

/// p = r + b p (aypx). Bytes 24 per row (read r, p; write p), 2 flops.
void bm_aypx(benchmark::State& state) {
  auto& v = get(g_problems->vectors);
  const auto t0 = Clock::now();
  for (auto _ : state) {
    k::aypx(0.5, v.r, v.p);
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  report_vs_triad(state, t0, t1, 24.0 * double(g_sizes.rows()), 2.0 * double(g_sizes.rows()));
}

/// Local dot r.q. Bytes 16 per row, 2 flops.
void bm_dot(benchmark::State& state) {
  auto& v = get(g_problems->vectors);
  double sink = 0;
  const auto t0 = Clock::now();
  for (auto _ : state) {
    sink += k::dot(v.r, v.q);
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  benchmark::DoNotOptimize(sink);
  report_vs_triad(state, t0, t1, 16.0 * double(g_sizes.rows()), 2.0 * double(g_sizes.rows()));
}

// ---------------------------------------------------------------------------------
// FP32 peak and the network's convolutions.

/// One 16 -> 16 3x3(x3) convolution layer with bias and fused ReLU, as in the
/// network's residual pairs. Flops: 2 * taps * 16 * 16 per cell (multiply-adds as 2;
/// bias and ReLU not counted). Bytes: compulsory traffic, 16 input and 16 output
/// channels of 4 bytes per padded cell, plus the weights.
template <int Dim>
void bm_conv(benchmark::State& state) {
  auto& cp = get(g_problems->conv[Dim - 2], Dim, Dim == 2 ? kConvN2 : kConvN3);
  const double cells = double(cp.in.grid.cells());
  const double flops = cp.w.flops_per_cell() * cells;
  const double bytes = 4.0 * double(cp.in.size() + cp.out.size() + cp.w.w.extent(0));
  const auto t0 = Clock::now();
  for (auto _ : state) {
    k::conv(cp.w, cp.in, cp.out, k::Activation::relu);
    Kokkos::fence();
  }
  const auto t1 = Clock::now();
  las_bench::report_rates(state, std::chrono::duration<double>(t1 - t0).count(), bytes, flops);
  const double gflops = state.counters["gflops"];
  const double hw = las_bench::fp32_peak(0), build = las_bench::fp32_peak(1);
  if (hw > 0) state.counters["frac_of_fp32_peak"] = gflops * 1e9 / hw;
  state.counters["frac_of_build_fp32_peak"] = gflops * 1e9 / build;
}

void register_all() {
  auto setup = [](benchmark::internal::Benchmark* b) {
    b->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  const std::string g2 = std::to_string(g_sizes.n2) + "^2", g3 = std::to_string(g_sizes.n3) + "^3";
  // The triads first: the other benchmarks report their fraction of the faster.
  const std::string triad_rows = std::to_string(g_sizes.triad_rows);
  setup(benchmark::RegisterBenchmark(("triad/" + triad_rows).c_str(), las_bench::bm_triad,
                                     las_bench::TriadKind::build, g_sizes.triad_rows));
  if (las_bench::baseline_triad_runs())
    setup(benchmark::RegisterBenchmark(("triad_baseline/" + triad_rows).c_str(), las_bench::bm_triad,
                                       las_bench::TriadKind::baseline, g_sizes.triad_rows));
  for (int v = 0; v < 2; ++v)
    for (int d = 0; d < 2; ++d) {
      const std::string suffix = std::string(v ? "/var" : "/const") + (d ? "/dot" : "");
      setup(benchmark::RegisterBenchmark(("stencil2d/" + g2 + suffix).c_str(), bm_stencil<2>,
                                         v == 1, d == 1));
    }
  for (int v = 0; v < 2; ++v)
    for (int d = 0; d < 2; ++d) {
      const std::string suffix = std::string(v ? "/var" : "/const") + (d ? "/dot" : "");
      setup(benchmark::RegisterBenchmark(("stencil3d/" + g3 + suffix).c_str(), bm_stencil<3>,
                                         v == 1, d == 1));
    }
  for (int chain = 0; chain < 2; ++chain)
    for (int v = 0; v < 2; ++v) {
      const std::string suffix = std::string(v ? "/var" : "/const") + (chain ? "/chain" : "");
      setup(benchmark::RegisterBenchmark(("sor_rb2d/" + g2 + suffix).c_str(), bm_sor_red_black<2>,
                                         v == 1, chain == 1));
      setup(benchmark::RegisterBenchmark(("sor_rb3d/" + g3 + suffix).c_str(), bm_sor_red_black<3>,
                                         v == 1, chain == 1));
    }
  setup(benchmark::RegisterBenchmark(("spmv/5pt_" + g2).c_str(), bm_spmv<2>));
  setup(benchmark::RegisterBenchmark(("spmv/7pt_" + g3).c_str(), bm_spmv<3>));
  const std::string rows = std::to_string(g_sizes.rows());
  setup(benchmark::RegisterBenchmark(("cg_update/" + rows).c_str(), bm_cg_update));
  setup(benchmark::RegisterBenchmark(("aypx/" + rows).c_str(), bm_aypx));
  setup(benchmark::RegisterBenchmark(("dot/" + rows).c_str(), bm_dot));
  // The FP32 peaks before the convolutions, which report their fraction of them.
  setup(benchmark::RegisterBenchmark("fp32_peak/avx2_fma", las_bench::bm_fp32_peak, 0));
  setup(benchmark::RegisterBenchmark("fp32_peak/build", las_bench::bm_fp32_peak, 1));
  setup(benchmark::RegisterBenchmark("nn_conv3x3x3/16to16/64^3", bm_conv<3>));
  setup(benchmark::RegisterBenchmark("nn_conv3x3/16to16/1024^2", bm_conv<2>));
}

/// Takes --las_grid2d=N, --las_grid3d=N, --las_vector_rows=N and --las_triad_rows=N out of argv
/// into g_sizes; false (with a message naming the flag) for a value that is not a positive integer
/// of a sane size.
bool take_size_flags(std::vector<char*>& args) {
  struct Flag {
    const char* name;
    long long max;
    std::function<void(long long)> set;
  };
  const Flag flags[] = {
      {"--las_grid2d=", 1 << 16, [](long long v) { g_sizes.n2 = int(v); }},
      {"--las_grid3d=", 1 << 11, [](long long v) { g_sizes.n3 = int(v); }},
      {"--las_vector_rows=", 1LL << 33, [](long long v) { g_sizes.vector_rows = size_t(v); }},
      {"--las_triad_rows=", 1LL << 33, [](long long v) { g_sizes.triad_rows = size_t(v); }}};
  std::vector<char*> kept;
  for (char* a : args) {
    bool taken = false;
    for (const Flag& f : flags) {
      const size_t len = std::strlen(f.name);
      if (std::strncmp(a, f.name, len) != 0) continue;
      char* end = nullptr;
      const long long v = std::strtoll(a + len, &end, 10);
      if (end == a + len || *end != '\0' || v < 4 || v > f.max) {
        std::fprintf(stderr, "bench_kernels: %s: expected an integer in [4, %lld]\n", a, f.max);
        return false;
      }
      f.set(v);
      taken = true;
    }
    if (!taken) kept.push_back(a);
  }
  args = kept;
  return true;
}

/// Discards everything: the display reporter of ranks other than 0.
class NullReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>&) override {}
};

bool has_flag(int argc, char** argv, const char* name) {
  const size_t len = std::strlen(name);
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], name, len) == 0 && (argv[i][len] == '=' || argv[i][len] == '\0'))
      return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  {
    Kokkos::ScopeGuard kokkos(argc, argv);

    // Defaults that keep a full run near one minute; any of them can be overridden.
    static char min_time[] = "--benchmark_min_time=0.4";
    static char repetitions[] = "--benchmark_repetitions=5";
    static char aggregates[] = "--benchmark_report_aggregates_only=true";
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i)
      // Only rank 0 writes --benchmark_out files.
      if (rank == 0 || std::strncmp(argv[i], "--benchmark_out", 15) != 0) args.push_back(argv[i]);
    if (!has_flag(argc, argv, "--benchmark_min_time")) args.push_back(min_time);
    if (!has_flag(argc, argv, "--benchmark_repetitions")) args.push_back(repetitions);
    if (!has_flag(argc, argv, "--benchmark_report_aggregates_only") &&
        !has_flag(argc, argv, "--benchmark_display_aggregates_only"))
      args.push_back(aggregates);
    if (!take_size_flags(args)) MPI_Abort(MPI_COMM_WORLD, 2);
    int nargs = int(args.size());
    args.push_back(nullptr);

    benchmark::Initialize(&nargs, args.data());
    if (benchmark::ReportUnrecognizedArguments(nargs, args.data())) {
      MPI_Abort(MPI_COMM_WORLD, 1);
    }
    g_problems = std::make_unique<Problems>();
    register_all();
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank == 0) {
      benchmark::RunSpecifiedBenchmarks();
    } else {
      NullReporter quiet;
      benchmark::RunSpecifiedBenchmarks(&quiet);
    }
    benchmark::Shutdown();
    g_problems.reset();  // Views must go before Kokkos::finalize
    las_bench::release_triad();
  }
  MPI_Finalize();
  return 0;
}
