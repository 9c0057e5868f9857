// SPDX-License-Identifier: BSD-3-Clause
// Data-parallel training over MPI ranks: every rank holds the whole network, evaluates
// its share of each batch, and the gradients are summed over ranks before the optimiser
// step, so every rank takes the same step and the weights stay identical.
#pragma once

#include <vector>

#include <torch/torch.h>

#include "solvers/core/comm.hpp"

namespace las::training {

/// A float64 running sum of a network's gradients, for per-sample accumulation: a
/// float32 gradient computed one sample at a time does not depend on which other samples
/// share the rank, and float64 sums of a batch's float32 terms are exact unless their
/// magnitudes span more than ~2^29 (and always for two terms, in either order), so any
/// rank count then arrives at the same float32 gradient.
class GradientSum {
 public:
  /// Sums gradients of `parameters` (kept by reference count, in this order).
  explicit GradientSum(std::vector<torch::Tensor> parameters);

  /// Adds every parameter's current gradient; one without a gradient adds zeros.
  void add_current_gradients();

  /// Sums the running sums over the ranks of `comm` (one MPI_Allreduce) and writes the
  /// result, rounded to each parameter's type, into its gradient. Collective.
  void allreduce_into_gradients(const Comm& comm);

 private:
  std::vector<torch::Tensor> parameters_;
  std::vector<double> sum_;
};

}  // namespace las::training
