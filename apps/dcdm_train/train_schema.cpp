// SPDX-License-Identifier: BSD-3-Clause
#include "apps/dcdm_train/train_schema.hpp"

namespace las::dcdm_train_app {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // The training system: constant-coefficient Poisson, -k Δu = f, zero Dirichlet walls.
  s.add({"grid.dim", Type::Int, "3", "2 or 3", {}, 2, 3});
  s.add({"grid.n", Type::Int, "32", "cells per axis (a cube); a multiple of 2^network.levels, so the pooling fits",
         {}, 2});
  s.add({"operator.kappa", Type::Real, "1", "the constant diffusion coefficient k", {}, 1e-300});
  // The network (Kaneda et al.: 16 channels; N64 is pairs 2/3/2).
  s.add({"network.channels", Type::Int, "16", "feature channels", {}, 1});
  s.add({"network.pairs_before", Type::Int, "2", "residual pairs at full resolution before pooling", {}, 0});
  s.add({"network.pairs_coarse", Type::Int, "3", "residual pairs at the coarsest level (half resolution with one level)", {}, 0});
  s.add({"network.pairs_after", Type::Int, "2", "residual pairs at full resolution after upsampling", {}, 0});
  s.add({"network.levels", Type::Int, "1",
         "nested 2x pooling levels (the paper: 1; more widen the receptive field for larger grids)", {}, 1,
         nn::NetworkArchitecture::kMaxLevels});
  // The data: Lanczos Ritz vectors of the training operator.
  s.add({"lanczos.steps", Type::Int, "400", "Krylov dimension m (Ritz vectors kept; full reorthogonalisation "
         "stores m vectors)", {}, 2});
  s.add({"lanczos.seed", Type::Int, "1", "seed of the start vector A g", {}, 0});
  s.add({"data.weighted_count", Type::Int, "-1",
         "lowest Ritz vectors whose coefficients are multiplied by data.low_weight (-1: m/2 + m/20, the "
         "paper's 5,500 of 10,000)", {}, -1});
  s.add({"data.low_weight", Type::Real, "9", "weight of the low-spectrum coefficients", {}, 0.0});
  s.add({"data.seed", Type::Int, "2", "seed of the sample coefficients", {}, 0});
  s.add({"data.train_samples", Type::Int, "2000", "samples the optimiser draws from", {}, 1});
  s.add({"data.validation_samples", Type::Int, "200", "held-out samples (never drawn by a batch)", {}, 1});
  // The optimiser.
  s.add({"training.batch", Type::Int, "10", "samples per Adam step", {}, 1});
  s.add({"training.learning_rate", Type::Real, "1e-4", "Adam step size", {}, 1e-300});
  s.add({"training.steps", Type::Int, "1000", "Adam steps in all (a restart continues toward it)", {}, 0});
  s.add({"training.validate_every", Type::Int, "50", "validation loss and a history entry every this many steps",
         {}, 1});
  s.add({"training.checkpoint_every", Type::Int, "100",
         "write output.checkpoint every this many steps (0: never)", {}, 0});
  s.add({"training.init_seed", Type::Int, "3", "seed of the initial weights", {}, 0});
  s.add({"training.batch_seed", Type::Int, "4", "seed of the batch draws", {}, 0});
  s.add({"training.threads", Type::Int, "1",
         "LibTorch intra-op threads (1 is bit-reproducible; more is faster but not bit-for-bit)", {}, 1});
  s.add({"training.progress_seconds", Type::Real, "30", "a progress line (rate, ETA) at most this often", {}, 0.0});
  // After training: DCDM with the trained network against CG on the training operator.
  s.add({"evaluate.rtol", Type::Real, "1e-6", "tolerance of the closing DCDM-vs-CG check (0: skip it)", {}, 0.0, 1.0});
  s.add({"evaluate.seed", Type::Int, "7", "seed of its random right-hand side", {}, 0});
  s.add({"output.model", Type::String, "dcdm_model.h5", "the trained model file (HDF5, written atomically)"});
  s.add({"output.checkpoint", Type::String, "dcdm_checkpoint.h5",
         "checkpoint file (weights, Adam state, RNG, history; --restart reads it)"});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

nn::TrainingOptions training_options(const config::Deck& deck) {
  const auto to_int = [&](const char* key) { return static_cast<int>(deck.get_int(key)); };
  const auto to_seed = [&](const char* key) { return static_cast<std::uint64_t>(deck.get_int(key)); };
  nn::TrainingOptions o;
  o.arch = nn::NetworkArchitecture{to_int("grid.dim"), to_int("network.channels"), to_int("network.pairs_before"),
                                   to_int("network.pairs_coarse"), to_int("network.pairs_after"),
                                   to_int("network.levels")};
  o.lanczos.steps = to_int("lanczos.steps");
  o.lanczos.seed = to_seed("lanczos.seed");
  o.recipe.weighted_count = to_int("data.weighted_count");
  o.recipe.low_weight = deck.get_real("data.low_weight");
  o.recipe.seed = to_seed("data.seed");
  o.train_samples = deck.get_int("data.train_samples");
  o.validation_samples = deck.get_int("data.validation_samples");
  o.batch = to_int("training.batch");
  o.learning_rate = deck.get_real("training.learning_rate");
  o.steps = deck.get_int("training.steps");
  o.validate_every = to_int("training.validate_every");
  o.checkpoint_every = to_int("training.checkpoint_every");
  o.checkpoint_file = deck.get_string("output.checkpoint");
  o.init_seed = to_seed("training.init_seed");
  o.batch_seed = to_seed("training.batch_seed");
  o.threads = to_int("training.threads");
  o.progress_seconds = deck.get_real("training.progress_seconds");
  o.config = deck.resolved_yaml();
  if (o.batch > o.train_samples)
    deck.fail("training.batch", "larger than data.train_samples (" + std::to_string(o.train_samples) + ")");
  if (o.checkpoint_every > 0 && o.checkpoint_file.empty())
    deck.fail("output.checkpoint", "empty while training.checkpoint_every > 0");
  return o;
}

}  // namespace las::dcdm_train_app
