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
///
/// `levels` > 1 nests the pooling (a U-net): every level above the coarsest runs
/// pairs_before pairs, pools, and on the way back up adds the upsampled coarser map to its
/// own last map and runs pairs_after pairs; the coarsest runs pairs_coarse. The paper has
/// one level; more widen the receptive field (2^levels cells per coarse conv) at little
/// cost, for grids larger than the one trained on.
struct NetworkArchitecture {
  static constexpr int kMaxLevels = 8;  ///< 2^8 cells per coarsest cell is already past any block

  int dim = 3;
  int channels = 16;
  int pairs_before = 2;  ///< residual pairs at full resolution before pooling
  int pairs_coarse = 3;  ///< residual pairs at the coarsest level (half resolution for one level)
  int pairs_after = 2;   ///< residual pairs at full resolution after upsampling
  int levels = 1;        ///< nested 2x pooling levels (the paper: 1)

  /// Residual pairs in forward order: pairs_before per level going down, pairs_coarse at
  /// the coarsest level, pairs_after per level coming up.
  int pair_count() const { return levels * (pairs_before + pairs_after) + pairs_coarse; }
  /// Convolution layers in order: first, 2 per pair, last.
  int layer_count() const { return 2 + 2 * pair_count(); }
  /// Trainable parameters (weights and biases).
  long long parameter_count() const;
  /// Floating-point operations per fine grid cell of one forward pass.
  double flops_per_cell() const;
  /// "3D, 16 channels, residual pairs 2/3/2 (97457 parameters)"; levels > 1 are named.
  std::string description() const;
  /// Throws ConfigError naming the field when a value is out of range.
  void validate() const;
};

}  // namespace las::nn
