// SPDX-License-Identifier: BSD-3-Clause
// PI-HC and PI-HC-MoE for diffusion–sorption (Chalapathi, Du, Krishnapriyan, ICLR 2024):
// the FNO outputs N basis functions b [B, T, X, N] on the data grid; they go to float64;
// per expert k (a block of ExpertPartition over (t, x)) the hard-constraint layer
// (las::moe::hard_constraint_solve: LM in FP64, IFT backward) finds the coefficients ω_k
// that make b·ω_k satisfy the PDE at the expert's P sampled points plus the global
// initial/boundary rows (every expert receives them, as the authors do for this PDE); the
// expert fields b·ω_k on their blocks are reassembled into the global field.
// PI-HC is the split of all ones (K = 1: one constraint over the whole domain).
// Training minimises diffusion_sorption_physics_loss of the reassembled field (the
// reference notes: PDE residual + IC + BC, weights 1).
//
// The LM starts from ω₀ = lm.initial_coefficient (1, the authors') and the layer evaluates
// R(u) with (u + 1e-6)^(n_f - 1) unguarded: a problem whose start b·ω₀ is below -1e-6 at a
// sampled point fails at once (LmSummary names it; the field is then b·ω₀ and the loss and
// gradients are NaN). The authors' residual guards u <= 0 (1e-6^(n_f - 1) there), as
// retardation() here does; a randomly initialised basis network meets this often.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "solvers/moe/models/diffusion_sorption_constraints.hpp"
#include "solvers/moe/models/fno.hpp"
#include "solvers/moe/models/moe_physics.hpp"
#include "solvers/moe/torch/hard_constraint_layer.hpp"

namespace las::moe {

struct HardConstraintOptions {
  FnoOptions basis;                      ///< out_channels = N basis functions (paper: 16)
  std::vector<int64_t> split = {1, 4};   ///< parts over (t, x); {1, 1} is PI-HC
  int64_t points_per_expert = 500;       ///< P sampled PDE points per expert (paper: 20k)
  DiffusionSorptionConstraintOptions constraints;
  /// Weight of the PDE rows in the LM objective (the authors': 1). On the data grid the PDE
  /// residual is ~1e-3 (u_t in 1/s) against O(1) relative initial-condition misfits, so at
  /// weight 1 the solve mostly fits the initial/boundary rows.
  double pde_weight = 1.0;
  LmOptions lm;                          ///< the layer's defaults are the authors' DS settings
};

/// The layer's residual parameters from the PDE's.
PointResidual diffusion_sorption_point_residual(const pde::DiffusionSorptionParams& physics, double pde_weight = 1.0);

/// The constraint stage alone, for a given basis [B, T, X, N] float64 (differentiable with
/// respect to it): samples P points per expert from `seed`, builds the point features and
/// the replicated linear rows, solves all B·K problems at once and reassembles b·ω.
HardConstraintResult hard_constrained_field(const torch::Tensor& basis, const torch::Tensor& u0,
                                            const SpaceTimeGrid& grid, const HardConstraintOptions& options,
                                            std::uint64_t seed);

class HardConstraintModelImpl : public torch::nn::Module {
 public:
  /// Throws las::ConfigError on bad FNO options or an empty / non-2-axis split.
  explicit HardConstraintModelImpl(const HardConstraintOptions& options);
  /// The basis network's output b [B, T, X, N] as float64.
  torch::Tensor basis(const torch::Tensor& u0, const SpaceTimeGrid& grid);
  /// u0 [B, X] -> the constrained field; `seed` picks the sampled points (vary it per step).
  HardConstraintResult forward(const torch::Tensor& u0, const SpaceTimeGrid& grid, std::uint64_t seed);
  const HardConstraintOptions& options() const { return options_; }
  Fno& network() { return network_; }

 private:
  HardConstraintOptions options_;
  Fno network_{nullptr};
};
TORCH_MODULE(HardConstraintModel);

}  // namespace las::moe
