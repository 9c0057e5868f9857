// SPDX-License-Identifier: BSD-3-Clause
// The network's forward-pass speed on the run's grid against this machine's single-core
// FP32 peak, measured in the same run (the ">= 25% of peak" target).
#pragma once

#include <nlohmann/json.hpp>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/nn/dcdm_network.hpp"

namespace las::learned_cg {

struct ForwardThroughput {
  int passes = 0;
  double flops_per_cell = 0;    ///< the convolutions' FLOPs per fine cell (FMA = 2)
  double seconds_per_pass = 0;  ///< slowest rank
  double gflops_per_rank = 0;   ///< conv FLOPs of one pass per rank / seconds_per_pass
  double peak_gflops = 0;       ///< AVX2+FMA loop, mean over ranks (0: no AVX2+FMA)
  double build_peak_gflops = 0; ///< the same loop in plain C++ with this build's flags
  double fraction_of_peak() const { return peak_gflops > 0 ? gflops_per_rank / peak_gflops : 0; }
  double fraction_of_build_peak() const { return build_peak_gflops > 0 ? gflops_per_rank / build_peak_gflops : 0; }
};

/// Collective: one warm-up and `passes` timed forward passes of `network` on `grid` with
/// input `x`, then the FMA peaks (every rank at once, as the passes ran).
ForwardThroughput measure_forward_throughput(const BoxGrid& grid, const nn::DcdmNetwork& network,
                                             const DistVector& x, int passes);

/// "forward pass: 12.3 GFLOP/s per rank (0.52 of the 23.5 GFLOP/s FP32 FMA peak ...)".
std::string describe(const ForwardThroughput& t);
nlohmann::json to_json(const ForwardThroughput& t);

}  // namespace las::learned_cg
