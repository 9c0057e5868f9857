// SPDX-License-Identifier: BSD-3-Clause
#include "apps/moe_train/moe_schema.hpp"

#include <string>

#include "solvers/core/error.hpp"

namespace las::moe_train_app {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // The reference data (las_pde_data): one file, a training and a test range.
  s.add({"data.file", Type::String, "inputs/pde_data/small_diffusion_sorption.h5",
         "diffusion-sorption or Navier-Stokes set written by las_pde_data (its parameters define the PDE)"});
  s.add({"data.train_first", Type::Int, "0", "first training sample of the file", {}, 0});
  s.add({"data.train_count", Type::Int, "6", "training samples", {}, 1});
  s.add({"data.test_first", Type::Int, "6", "first test sample (keep the ranges disjoint)", {}, 0});
  s.add({"data.test_count", Type::Int, "2", "test samples (relative L2 error)", {}, 1});
  // The model.
  s.add({"model.variant", Type::String, "pi_hc_moe", "pi_sc (soft constraint), pi_hc (one hard constraint) or "
         "pi_hc_moe (one per expert)", {"pi_sc", "pi_hc", "pi_hc_moe"}});
  s.add({"fno.layers", Type::Int, "4", "Fourier layers (paper: 5)", {}, 1});
  s.add({"fno.modes", Type::Int, "6", "Fourier modes kept per dimension (paper: 8)", {}, 1});
  s.add({"fno.width", Type::Int, "16", "channels in the Fourier layers (paper: 64)", {}, 1});
  s.add({"fno.fc_width", Type::Int, "32", "hidden width of the projection (paper: 128)", {}, 1});
  s.add({"fno.basis", Type::Int, "16", "basis functions N of the hard-constraint variants (paper: 16)", {}, 1});
  s.add({"moe.split", Type::IntList, "[1, 4]",
         "PI-HC-MoE's parts per grid axis, time first: (t, x) for diffusion-sorption (paper: [1, 4]), (t, y, x) "
         "for Navier-Stokes (paper: [1, 2, 2]); K = product"});
  s.add({"moe.sampled_points", Type::Int, "2000",
         "PDE points constrained in all, split evenly among the experts (paper: 20000 per expert)", {}, 1});
  s.add({"constraints.initial_scale_floor", Type::Real, "1e-2",
         "diffusion-sorption: initial-condition rows are divided by max(|u0|, this) (the authors divide by u0)", {},
         1e-300});
  s.add({"constraints.pde_weight", Type::Real, "1",
         "weight of the PDE rows and loss term (1: the authors'; the time span t_final balances the "
         "~1e-3 residual in seconds against O(1) initial/boundary misfits)", {}, 1e-300});
  s.add({"training.data_weight", Type::Real, "0",
         "weight of an interior-data term mean (u - u_ref)^2 in the loss (0: physics only, the paper's; "
         "> 0: an ablation that trains on the reference trajectories)", {}, 0.0});
  s.add({"constraints.authors_outflow_sign", Type::Bool, "false",
         "diffusion-sorption: true: u - D u_x = 0 at x = 1 as the authors' code; false: u + D u_x = 0 as the data"});
  // The hard-constraint layer (the authors' diffusion-sorption settings).
  s.add({"lm.ridge", Type::Real, "1e-4", "weight of the ridge rows ridge*w", {}, 0.0});
  s.add({"lm.tolerance", Type::Real, "1e-4", "LM rtol = atol (optimistix)", {}, 1e-300});
  s.add({"lm.max_iterations", Type::Int, "100", "LM iterations per solve (the authors' maxiter)", {}, 1});
  s.add({"lm.initial_coefficient", Type::Real, "1",
         "w0 (the authors': 1 for diffusion-sorption, 0 for Navier-Stokes)"});
  // The optimiser (the authors' recipe, fewer steps).
  s.add({"training.steps", Type::Int, "200", "Adam steps in all (a restart continues toward it; reached: evaluate only)",
         {}, 0});
  s.add({"training.batch", Type::Int, "6", "samples per step, split over the ranks (paper: 6)", {}, 1});
  s.add({"training.learning_rate", Type::Real, "1e-3", "Adam's initial step size", {}, 1e-300});
  s.add({"training.min_learning_rate", Type::Real, "1e-4", "floor of the halving schedule", {}, 1e-300});
  s.add({"training.halve_every", Type::Int, "800", "halve the learning rate every this many steps", {}, 1});
  s.add({"training.clip_norm", Type::Real, "1", "global gradient-norm clip", {}, 1e-300});
  s.add({"training.log_every", Type::Int, "10", "a loss-history entry every this many steps", {}, 1});
  s.add({"training.checkpoint_every", Type::Int, "50", "write output.checkpoint every this many steps (0: never)",
         {}, 0});
  s.add({"training.init_seed", Type::Int, "3", "seed of the initial weights (paper: 3)", {}, 0});
  s.add({"training.batch_seed", Type::Int, "4", "seed of the batch draws", {}, 0});
  s.add({"training.sample_seed", Type::Int, "5", "seed of the sampled PDE points", {}, 0});
  s.add({"training.threads", Type::Int, "1", "LibTorch intra-op threads (the BLAS beneath follows OMP_NUM_THREADS)", {}, 1});
  s.add({"training.progress_seconds", Type::Real, "30", "a progress line (rate, ETA) at most this often", {}, 0.0});
  // Outputs.
  s.add({"output.directory", Type::String, "moe_out", "loss history and field CSVs, the PNG"});
  s.add({"output.model", Type::String, "moe_out/moe_model.h5", "the trained model (a final checkpoint, HDF5)"});
  s.add({"output.checkpoint", Type::String, "moe_out/moe_checkpoint.h5",
         "checkpoint file (weights, Adam state, RNG, history; --restart reads it)"});
  s.add({"output.plot", Type::Bool, "true", "draw predicted vs reference fields (PNG)"});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

moe::MoeTrainingOptions training_options(const config::Deck& deck) {
  const auto to_int = [&](const char* key) { return static_cast<int>(deck.get_int(key)); };
  const auto to_seed = [&](const char* key) { return static_cast<std::uint64_t>(deck.get_int(key)); };
  moe::MoeTrainingOptions o;
  o.variant = moe::parse_model_variant(deck.get_string("model.variant"));
  o.network.layers = to_int("fno.layers");
  o.network.modes = to_int("fno.modes");
  o.network.width = to_int("fno.width");
  o.network.fc_width = to_int("fno.fc_width");
  o.network.out_channels = to_int("fno.basis");
  o.split.clear();
  for (const auto s : deck.get_int_list("moe.split")) o.split.push_back(s);
  for (const auto s : o.split)
    if (s < 1) deck.fail("moe.split", "entries must be >= 1");
  o.sampled_points = deck.get_int("moe.sampled_points");
  if (o.sampled_points < o.experts()) deck.fail("moe.sampled_points", "fewer than the experts");
  o.pde_weight = deck.get_real("constraints.pde_weight");
  o.data_weight = deck.get_real("training.data_weight");
  o.lm.ridge = deck.get_real("lm.ridge");
  o.lm.tolerance = deck.get_real("lm.tolerance");
  o.lm.max_iterations = to_int("lm.max_iterations");
  o.lm.initial_coefficient = deck.get_real("lm.initial_coefficient");
  o.steps = deck.get_int("training.steps");
  o.batch = to_int("training.batch");
  o.learning_rate = deck.get_real("training.learning_rate");
  o.min_learning_rate = deck.get_real("training.min_learning_rate");
  if (o.min_learning_rate > o.learning_rate) deck.fail("training.min_learning_rate", "above training.learning_rate");
  o.halve_every = deck.get_int("training.halve_every");
  o.clip_norm = deck.get_real("training.clip_norm");
  o.log_every = to_int("training.log_every");
  o.checkpoint_every = to_int("training.checkpoint_every");
  o.checkpoint_file = deck.get_string("output.checkpoint");
  if (o.checkpoint_every > 0 && o.checkpoint_file.empty())
    deck.fail("output.checkpoint", "empty while training.checkpoint_every > 0");
  o.init_seed = to_seed("training.init_seed");
  o.batch_seed = to_seed("training.batch_seed");
  o.sample_seed = to_seed("training.sample_seed");
  o.threads = to_int("training.threads");
  o.progress_seconds = deck.get_real("training.progress_seconds");
  o.config = deck.resolved_yaml();
  try {
    o.validate();
  } catch (const ConfigError& e) {
    throw ConfigError(deck.source() + ": " + e.what());
  }
  return o;
}

moe::DiffusionSorptionConstraintOptions constraint_options(const config::Deck& deck) {
  moe::DiffusionSorptionConstraintOptions c;
  c.initial_scale_floor = deck.get_real("constraints.initial_scale_floor");
  c.authors_outflow_sign = deck.get_bool("constraints.authors_outflow_sign");
  return c;
}

}  // namespace las::moe_train_app
