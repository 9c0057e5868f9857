// SPDX-License-Identifier: BSD-3-Clause
#include "apps/learned_cg/network_throughput.hpp"

#include <mpi.h>

#include <cstdio>

#include "apps/common/fp32_peak.hpp"

namespace las::learned_cg {

ForwardThroughput measure_forward_throughput(const BoxGrid& grid, const nn::DcdmNetwork& network,
                                             const DistVector& x, int passes) {
  const Comm& comm = grid.comm();
  ForwardThroughput t;
  t.passes = passes;
  t.flops_per_cell = network.architecture().flops_per_cell();
  nn::NetworkWorkspace work(grid, network.architecture());
  DistVector y = x.similar("las::nn_throughput");
  network.forward(grid, work, x, 1.0, y);  // warm-up: first touch of the feature maps
  comm.barrier();
  const double t0 = MPI_Wtime();
  for (int p = 0; p < passes; ++p) network.forward(grid, work, x, 1.0, y);
  Kokkos::fence();
  const double seconds = comm.max(MPI_Wtime() - t0);
  t.seconds_per_pass = passes > 0 ? seconds / passes : 0;
  const double flops_per_rank = t.flops_per_cell * static_cast<double>(grid.global_cells()) / comm.size();
  t.gflops_per_rank = t.seconds_per_pass > 0 ? 1e-9 * flops_per_rank / t.seconds_per_pass : 0;
  comm.barrier();
  t.peak_gflops = 1e-9 * comm.sum(app::measure_fp32_peak(app::Fp32PeakKind::Avx2Fma)) / comm.size();
  t.build_peak_gflops = 1e-9 * comm.sum(app::measure_fp32_peak(app::Fp32PeakKind::Build)) / comm.size();
  return t;
}

std::string describe(const ForwardThroughput& t) {
  char line[320];
  std::snprintf(line, sizeof line,
                "network forward pass: %.4f s/pass (%d passes), %.2f GFLOP/s per rank (%.0f conv flop/cell); "
                "%.2f of the single-core FP32 FMA peak %.2f GFLOP/s, %.2f of this build's plain-C++ peak %.2f GFLOP/s",
                t.seconds_per_pass, t.passes, t.gflops_per_rank, t.flops_per_cell, t.fraction_of_peak(),
                t.peak_gflops, t.fraction_of_build_peak(), t.build_peak_gflops);
  return line;
}

nlohmann::json to_json(const ForwardThroughput& t) {
  return {{"passes", t.passes},
          {"flops_per_cell", t.flops_per_cell},
          {"seconds_per_pass", t.seconds_per_pass},
          {"gflops_per_rank", t.gflops_per_rank},
          {"fp32_peak_gflops", t.peak_gflops},
          {"fraction_of_fp32_peak", t.fraction_of_peak()},
          {"build_fp32_peak_gflops", t.build_peak_gflops},
          {"fraction_of_build_fp32_peak", t.fraction_of_build_peak()}};
}

}  // namespace las::learned_cg
