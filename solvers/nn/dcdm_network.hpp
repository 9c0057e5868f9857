// SPDX-License-Identifier: BSD-3-Clause
// The DCDM network's forward pass on a distributed grid, with las kernels: float32
// inside, the Krylov loop's float64 vectors outside.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/nn_conv.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/nn/network_architecture.hpp"

namespace las::nn {

/// Feature maps for one grid: reused across forward passes (no allocation per pass).
struct NetworkWorkspace {
  kernels::NnField input, output;  ///< 1 channel, fine
  /// C channels per level, [0] fine ... [levels] coarsest: the level's running map (a)
  /// and the residual pair's scratch (b).
  std::vector<kernels::NnField> a, b;
  /// Throws InputError when a rank's block cannot be pooled `levels` times (an extent
  /// not a multiple of 2^levels): the message names the grid and the level.
  NetworkWorkspace(const BoxGrid& grid, const NetworkArchitecture& arch);
};

class DcdmNetwork {
 public:
  /// Zero weights of the given architecture (validated).
  explicit DcdmNetwork(const NetworkArchitecture& arch);
  /// Deterministic pseudo-random weights, He-scaled (tests and untrained baselines).
  static DcdmNetwork random(const NetworkArchitecture& arch, std::uint64_t seed);

  const NetworkArchitecture& architecture() const { return arch_; }
  /// Layers in order: first (1 -> C, 3x3(x3)), 2 per residual pair, last (C -> 1, 1x1).
  const std::vector<kernels::ConvWeights>& layers() const { return layers_; }
  std::vector<kernels::ConvWeights>& layers() { return layers_; }

  /// y = f(scale * x) on `grid` (x, y: DistVectors of the grid's cells). Ghost layers are
  /// exchanged before every 3x3(x3) conv (zero padding only at physical boundaries), so
  /// any rank count gives the single-rank result. Collective over grid.comm().
  void forward(const BoxGrid& grid, NetworkWorkspace& work, const DistVector& x, double scale,
               DistVector& y) const;

 private:
  NetworkArchitecture arch_;
  std::vector<kernels::ConvWeights> layers_;
};

}  // namespace las::nn
