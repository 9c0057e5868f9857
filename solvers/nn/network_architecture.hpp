// SPDX-License-Identifier: BSD-3-Clause
// The shape of the DCDM network (Kaneda et al., ICML 2023, §1.2 of the notes).
#pragma once

#include <string>

namespace las::nn {

/// A fully convolutional network on a 2D/3D grid: a linear 3x3(x3) conv 1 -> C, residual
/// pairs at full resolution, one 2x average-pool level with residual pairs, nearest 2x
/// upsampling added back to the last full-resolution map, more residual pairs, and a
/// per-cell linear 1x1 conv C -> 1. A residual pair is la = relu(conv(relu(conv(la)))) + la.
/// The paper's "N64" model is {3, 16, 2, 3, 2} (14 convs 16->16, 97,457 parameters) and
/// its "N128" model {3, 16, 3, 5, 3} (22 convs, 152,881 parameters).
struct NetworkArchitecture {
  int dim = 3;
  int channels = 16;
  int pairs_before = 2;  ///< residual pairs at full resolution before pooling
  int pairs_coarse = 3;  ///< residual pairs at half resolution
  int pairs_after = 2;   ///< residual pairs at full resolution after upsampling

  /// Convolution layers in order: first, 2 per pair, last.
  int layer_count() const { return 2 + 2 * (pairs_before + pairs_coarse + pairs_after); }
  /// Trainable parameters (weights and biases).
  long long parameter_count() const;
  /// Floating-point operations per fine grid cell of one forward pass.
  double flops_per_cell() const;
  /// "3D, 16 channels, pairs 2/3/2".
  std::string description() const;
  /// Throws ConfigError naming the field when a value is out of range.
  void validate() const;
};

}  // namespace las::nn
