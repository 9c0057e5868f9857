// SPDX-License-Identifier: BSD-3-Clause
// Training the DCDM network with LibTorch (Kaneda et al., ICML 2023; §1.3 of the notes).
// This header is torch-free (the LibTorch state lives behind a pointer), so an app can
// include it without compiling torch headers; link las::nn_torch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/nn/dcdm_network.hpp"
#include "solvers/nn/torch/lanczos_data.hpp"

namespace las::nn {

struct TrainingOptions {
  NetworkArchitecture arch;
  LanczosOptions lanczos;
  SampleRecipe recipe;
  /// Sample indices [0, train_samples) are the training set, [train_samples,
  /// train_samples + validation_samples) the validation set. Batches draw only training
  /// indices; the validation samples are never seen by the optimiser.
  long long train_samples = 2000;
  long long validation_samples = 200;
  int batch = 10;
  double learning_rate = 1e-4;  ///< Adam (betas 0.9, 0.999, eps 1e-8)
  long long steps = 1000;       ///< optimiser steps in all (a restart continues toward it)
  int validate_every = 50;      ///< validation loss and a loss-history entry every this many steps
  int checkpoint_every = 0;     ///< 0: no checkpoints
  std::string checkpoint_file;  ///< written atomically every checkpoint_every steps
  std::uint64_t init_seed = 3;   ///< initial weights (DcdmNetwork::random)
  std::uint64_t batch_seed = 4;  ///< the stream that draws training indices
  int threads = 1;               ///< LibTorch intra-op threads (1: bit-reproducible)
  double progress_seconds = 10;  ///< a progress line (rate, ETA) at most this often
  std::string config;            ///< the resolved deck, stored in every file written
};

/// One loss-history entry: mean training loss over the steps since the previous entry
/// (NaN for the step-0 entry) and the validation loss at `step`.
struct LossRecord {
  long long step = 0;
  double train = 0;
  double validation = 0;
};

class DcdmTrainer {
 public:
  /// Builds the training data (Lanczos on `op`, which must be on `grid`) and the
  /// network with init_seed weights, and evaluates the step-0 validation loss. Training
  /// runs on one rank: throws ConfigError when grid.comm() has more.
  DcdmTrainer(const BoxGrid& grid, const StencilOperator& op, const TrainingOptions& options);
  ~DcdmTrainer();
  DcdmTrainer(const DcdmTrainer&) = delete;
  DcdmTrainer& operator=(const DcdmTrainer&) = delete;

  /// Continues from a checkpoint written by this class: weights, Adam moments and step
  /// counts, the batch RNG, the step and the loss history. Throws InputError naming the
  /// file and the first setting that differs from this trainer's options.
  void restore(const std::string& checkpoint);
  /// Trains until step min(until, options.steps) (-1: options.steps), checkpointing and
  /// recording history on the way. Returns the step reached. Under a StopSignalGuard a
  /// stop signal ends it early, after the step in progress and a checkpoint (when
  /// options.checkpoint_file is set); stopped_by() then names the signal.
  long long train(long long until = -1);
  int stopped_by() const;  ///< the signal that ended the last train() early, else 0

  /// Mean scale-invariant loss ||b - s A f(b)||^2, s = fᵀb / fᵀAf, over the validation set.
  double validation_loss() const;
  /// The same loss of the current network on the given unit right-hand sides (grid order).
  double loss_on(const std::vector<std::vector<double>>& rhs) const;
  /// The training operator as LibTorch applies it in the loss (float32), on one field
  /// in grid order: tests check it against StencilOperator::apply.
  std::vector<double> apply_operator(const std::vector<double>& x) const;
  long long step() const;
  const std::vector<LossRecord>& history() const;
  /// The largest training index any batch drew so far (-1 before the first step).
  long long max_drawn_index() const;
  const RitzBasis& basis() const;
  /// The current weights as a las network.
  DcdmNetwork network() const;
  /// Every parameter and Adam moment, flattened (tests compare runs bit for bit).
  std::vector<float> state_vector() const;

  void write_checkpoint(const std::string& path) const;
  /// The model file: group "network" (write_network) and group "training" (kind
  /// "las-dcdm-training": grid, architecture, recipe, seeds, Ritz values, loss history),
  /// root attributes training_operator and training_recipe.
  void write_model(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace las::nn
