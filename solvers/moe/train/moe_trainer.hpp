// SPDX-License-Identifier: BSD-3-Clause
// Training PI-SC, PI-HC and PI-HC-MoE (Chalapathi, Du, Krishnapriyan, ICLR 2024; reference
// notes §3.1) with the authors' recipe: the physics loss only (diffusion–sorption: PDE
// residual + initial + boundary, weights 1; Navier–Stokes: the PDE residual, the initial
// condition exact by construction; no interior data), Adam with global-norm clipping at
// 1, the learning rate halved every `halve_every` steps down to a floor. The equation is
// the training set's (MoeReferenceSet::physics: moe_physics.hpp); the FNO's dimension and
// input channels follow from it.
//
// Data parallel over MPI ranks: every rank holds the network; each step draws one global
// batch (the same stream on every rank), rank r evaluates its contiguous share — its
// samples and so its experts' LM problems — one sample at a time, the per-sample
// gradients are summed in float64 over samples and ranks (training::GradientSum), and
// every rank takes the same Adam step. A per-sample float32 gradient does not depend on
// the rank count and the float64 sums are exact in practice, so 1 and 2 ranks take the
// same steps (bit for bit at a batch of 2, tested) instead of drifting apart: Adam's
// sign-like early steps amplify last-bit differences of batched float32 passes. The same
// holds only at the same thread counts per rank (LibTorch's and its BLAS's, set by
// OMP_NUM_THREADS), which set the order of their float32 sums.
//
// Checkpoints (HDF5, atomic) hold the weights, Adam's state, the batch RNG, the step and
// the loss history; restore() continues bit for bit. The model file is a final
// checkpoint, so evaluating a trained model is restore() + evaluate().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/moe/models/fno.hpp"
#include "solvers/moe/models/reference_set.hpp"

namespace las::moe {

enum class ModelVariant {
  SoftConstraint,     ///< "pi_sc": the FNO outputs u; the physics is only in the loss
  HardConstraint,     ///< "pi_hc": one hard constraint over the whole domain (K = 1)
  HardConstraintMoe,  ///< "pi_hc_moe": K experts on a uniform split of the space-time grid
};
const char* to_string(ModelVariant variant);
/// ConfigError naming the key model.variant and the valid names otherwise.
ModelVariant parse_model_variant(const std::string& name);

struct MoeTrainingOptions {
  ModelVariant variant = ModelVariant::HardConstraintMoe;
  /// out_channels is the basis size N (1 is forced for PI-SC); dims and in_channels are
  /// set from the data's physics.
  FnoOptions network = FnoOptions::small();
  /// PI-HC-MoE's parts per grid axis, time first ((t, x) or (t, y, x)); PI-HC ignores it.
  std::vector<int64_t> split = {1, 4};
  /// PDE points constrained in all, divided evenly among the experts (the authors sample
  /// 20k per expert; comparing PI-HC and PI-HC-MoE at equal totals is the paper's Fig. 4).
  int64_t sampled_points = 2000;
  /// Weight of the PDE rows in the hard constraint and of the PDE term in the loss
  /// (squared there). 1 is the authors'; in seconds the residual u_t - D/R u_xx is ~1e-3
  /// against O(1) initial/boundary misfits, and t_final (the residual in units of the
  /// time span) balances them.
  double pde_weight = 1.0;
  /// Weight of an interior-data term, the mean of (u - u_ref)² over the grid, added to
  /// the loss. 0, the paper's setting, trains on the physics alone; > 0 is an ablation
  /// that tells whether the model can represent the reference at all (the reference set
  /// is then training data, not only initial conditions).
  double data_weight = 0.0;
  LmOptions lm;
  int batch = 6;                    ///< samples per Adam step (the authors' 6)
  double learning_rate = 1e-3;      ///< Adam's initial step size
  double min_learning_rate = 1e-4;  ///< the floor of the halving schedule
  long long halve_every = 800;      ///< the authors' schedule
  double clip_norm = 1.0;           ///< global gradient-norm clip
  long long steps = 200;            ///< Adam steps in all (a restart continues toward it)
  int log_every = 10;               ///< a loss-history entry every this many steps
  int checkpoint_every = 0;         ///< 0: no checkpoints
  std::string checkpoint_file;
  std::uint64_t init_seed = 3;    ///< initial weights
  std::uint64_t batch_seed = 4;   ///< the batch draws
  std::uint64_t sample_seed = 5;  ///< the sampled PDE points (step s uses instance_seed(sample_seed, s))
  int threads = 1;                ///< LibTorch intra-op threads (1: bit-reproducible)
  double progress_seconds = 10;   ///< a progress line (rate, ETA) at most this often
  std::string config;             ///< the resolved deck, stored in every file written

  /// Throws ConfigError naming the first bad option (the split's length and the FNO's
  /// dimension are checked against the data by MoeTrainer).
  void validate() const;
  /// K: 1 for PI-SC and PI-HC, the product of `split` for PI-HC-MoE.
  int64_t experts() const;
};

/// One loss-history entry: means over the steps since the previous entry.
struct MoeLossRecord {
  long long step = 0;
  double loss = 0, pde = 0, initial = 0, boundary = 0;
  double data = 0;  ///< data_weight · mean (u - u_ref)² (0 unless data_weight > 0)
  double seconds_per_step = 0;
  long long lm_failed = 0;  ///< LM problems that did not converge in these steps (all ranks)
  /// Steps whose gradient was not finite (a failed LM solve can give one): the update
  /// is skipped, never applied, and counted here.
  long long skipped = 0;
};

/// Relative L2 errors of a model on a reference set (the paper's metric, per sample).
struct MoeEvaluation {
  long long samples = 0;
  double mean_error = 0, std_error = 0, max_error = 0;
  double seconds_per_sample = 0;  ///< inference wall time per trajectory (max over ranks)
  long long lm_problems = 0, lm_failed = 0;
  int lm_max_iterations = 0;
  std::string lm_first_failure;
};

class MoeTrainer {
 public:
  /// Builds the model with init_seed weights. `train` is the training set (every rank the
  /// same). Collective over comm.
  MoeTrainer(const Comm& comm, MoeReferenceSet train, const MoeTrainingOptions& options);
  ~MoeTrainer();
  MoeTrainer(const MoeTrainer&) = delete;
  MoeTrainer& operator=(const MoeTrainer&) = delete;

  /// Continues from a checkpoint (or model file) written by this class. Throws InputError
  /// naming the file and the first setting that differs from this trainer's options.
  void restore(const std::string& checkpoint);
  /// Trains until step min(until, options.steps) (-1: options.steps). Returns the step.
  /// Under a StopSignalGuard a stop signal ends it early, after the step in progress and a
  /// checkpoint (when options.checkpoint_file is set); stopped_by() then names the signal.
  long long train(long long until = -1);
  int stopped_by() const;  ///< the signal that ended the last train() early, else 0
  /// Collective: the relative L2 error of the current model on `test` (samples over ranks).
  MoeEvaluation evaluate(const MoeReferenceSet& test) const;
  /// The model's prediction of one sample's trajectory [T, spatial...] float64 (no grad).
  std::vector<double> predict(const MoeReferenceSet& set, long long sample) const;

  long long step() const;
  const std::vector<MoeLossRecord>& history() const;
  double mean_seconds_per_step() const;  ///< over the steps this process trained
  long long parameter_count() const;
  /// Weights and Adam moments, float64 (tests compare runs bit for bit).
  std::vector<double> state_vector() const;
  /// Atomic HDF5 checkpoint; the final one is the model file.
  void write_checkpoint(const std::string& path) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace las::moe
