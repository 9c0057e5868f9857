// SPDX-License-Identifier: BSD-3-Clause
// The experts of PI-HC-MoE: a uniform, non-overlapping split of the space-time grid into
// K = Π split[a] blocks (the authors' moe_utils.py; diffusion–sorption uses [1, 4] over
// (t, x)). Along an axis of n points cut into p parts, the first n % p blocks hold one
// point more (sizes differ by at most one; las::pde::block_range). Experts are numbered
// row-major over the block coordinates, the first axis slowest.
//
// A field [B, n_1..n_a, rest...] is scattered into per-expert blocks [B, block..., rest...]
// and reassembled exactly (bit-equal: only slicing and concatenation). Each expert draws
// its own P sampled points, without replacement, from its block: the points are a pure
// function of (seed, expert), so a deck's seed reproduces them.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <torch/torch.h>

namespace las::moe {

class ExpertPartition {
 public:
  /// grid: points per axis (e.g. {T, X}); split: parts per axis (e.g. {1, 4}), each in
  /// [1, n]. Throws las::ConfigError naming the axis and value otherwise.
  ExpertPartition(std::vector<int64_t> grid, std::vector<int64_t> split);

  int64_t experts() const { return experts_; }
  int axes() const { return static_cast<int>(grid_.size()); }
  const std::vector<int64_t>& grid() const { return grid_; }
  const std::vector<int64_t>& split() const { return split_; }
  /// [begin, end) of part `part` along `axis`.
  std::pair<int64_t, int64_t> range(int axis, int64_t part) const;
  /// The block coordinates (part per axis) of expert k.
  std::vector<int64_t> block_of(int64_t expert) const;
  /// [begin, end) along every axis of expert k's block.
  std::vector<std::pair<int64_t, int64_t>> block_ranges(int64_t expert) const;
  /// Grid points in expert k's block.
  int64_t block_points(int64_t expert) const;

 private:
  std::vector<int64_t> grid_, split_;
  int64_t experts_ = 1;
};

/// field [B, n_1..n_a, rest...] -> K views [B, block..., rest...] (experts in order).
/// Throws las::Error when the field's grid dims are not the partition's.
std::vector<torch::Tensor> scatter_to_experts(const torch::Tensor& field, const ExpertPartition& partition);

/// The inverse of scatter_to_experts: concatenates K blocks back into [B, n_1..n_a, rest...]
/// (differentiable). Throws las::Error on a wrong count or block shape.
torch::Tensor reassemble_from_experts(const std::vector<torch::Tensor>& blocks, const ExpertPartition& partition);

/// The field of the experts' expansions: basis [B, n_1..n_a, N] and coefficients ω
/// [B, K, N] -> [B, n_1..n_a] whose block k is basis·ω_k there (differentiable; the
/// other experts' coefficients never touch it).
torch::Tensor combine_expert_expansions(const torch::Tensor& basis, const torch::Tensor& coefficients,
                                        const ExpertPartition& partition);

/// P points per expert, without replacement, uniformly from the points of its block whose
/// index along axis a is >= skip_leading[a] (diffusion–sorption passes {1, 0}: t = 0 holds
/// the initial condition, constrained by its own rows). Expert k draws from
/// learning::Rng(sequences::instance_seed(seed, k)) by a partial Fisher–Yates shuffle.
/// Returns int64 [K, P]: flat row-major indices into the global grid, ascending within
/// each expert. Throws las::ConfigError when a block has fewer than P eligible points.
torch::Tensor sample_expert_points(const ExpertPartition& partition, int64_t points_per_expert, std::uint64_t seed,
                                   const std::vector<int64_t>& skip_leading = {});

}  // namespace las::moe
