// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/expert_partition.hpp"

#include <algorithm>
#include <string>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/pde/pde_dataset.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::moe {
namespace {

// Concatenates the blocks of experts first, first + stride, ... along axis `axis` and
// recursively along the later axes (row-major expert numbering).
torch::Tensor concatenate(const std::vector<torch::Tensor>& blocks, const ExpertPartition& p, int axis,
                          int64_t first) {
  if (axis == p.axes()) return blocks[static_cast<std::size_t>(first)];
  int64_t stride = 1;
  for (int a = axis + 1; a < p.axes(); ++a) stride *= p.split()[static_cast<std::size_t>(a)];
  std::vector<torch::Tensor> parts;
  for (int64_t part = 0; part < p.split()[static_cast<std::size_t>(axis)]; ++part)
    parts.push_back(concatenate(blocks, p, axis + 1, first + part * stride));
  return parts.size() == 1 ? parts.front() : torch::cat(parts, 1 + axis);
}

}  // namespace

ExpertPartition::ExpertPartition(std::vector<int64_t> grid, std::vector<int64_t> split)
    : grid_(std::move(grid)), split_(std::move(split)) {
  if (split_.size() != grid_.size() || grid_.empty())
    throw ConfigError("moe.split must have one entry per grid axis (" + std::to_string(grid_.size()) + "), got " +
                      std::to_string(split_.size()));
  for (std::size_t a = 0; a < grid_.size(); ++a) {
    if (split_[a] < 1 || split_[a] > grid_[a])
      throw ConfigError("moe.split[" + std::to_string(a) + "] must be in [1, " + std::to_string(grid_[a]) +
                        "], got " + std::to_string(split_[a]));
    experts_ *= split_[a];
  }
}

std::pair<int64_t, int64_t> ExpertPartition::range(int axis, int64_t part) const {
  const auto a = static_cast<std::size_t>(axis);
  LAS_CHECK(axis >= 0 && axis < axes() && part >= 0 && part < split_[a],
            "ExpertPartition::range: no part " << part << " on axis " << axis);
  const auto [begin, end] = pde::block_range(grid_[a], static_cast<int>(part), static_cast<int>(split_[a]));
  return {begin, end};
}

std::vector<int64_t> ExpertPartition::block_of(int64_t expert) const {
  LAS_CHECK(expert >= 0 && expert < experts_, "ExpertPartition: no expert " << expert << " of " << experts_);
  std::vector<int64_t> block(grid_.size());
  for (int a = axes() - 1; a >= 0; --a) {
    block[static_cast<std::size_t>(a)] = expert % split_[static_cast<std::size_t>(a)];
    expert /= split_[static_cast<std::size_t>(a)];
  }
  return block;
}

std::vector<std::pair<int64_t, int64_t>> ExpertPartition::block_ranges(int64_t expert) const {
  const std::vector<int64_t> block = block_of(expert);
  std::vector<std::pair<int64_t, int64_t>> ranges;
  for (int a = 0; a < axes(); ++a) ranges.push_back(range(a, block[static_cast<std::size_t>(a)]));
  return ranges;
}

int64_t ExpertPartition::block_points(int64_t expert) const {
  int64_t points = 1;
  for (const auto& [begin, end] : block_ranges(expert)) points *= end - begin;
  return points;
}

std::vector<torch::Tensor> scatter_to_experts(const torch::Tensor& field, const ExpertPartition& partition) {
  LAS_CHECK(field.dim() >= 1 + partition.axes(), "scatter_to_experts: field of rank " << field.dim());
  for (int a = 0; a < partition.axes(); ++a)
    LAS_CHECK(field.size(1 + a) == partition.grid()[static_cast<std::size_t>(a)],
              "scatter_to_experts: field " << field.sizes() << " does not match the partition's grid on axis " << a);
  std::vector<torch::Tensor> blocks;
  for (int64_t k = 0; k < partition.experts(); ++k) {
    torch::Tensor block = field;
    const auto ranges = partition.block_ranges(k);
    for (int a = 0; a < partition.axes(); ++a) {
      const auto [begin, end] = ranges[static_cast<std::size_t>(a)];
      block = block.narrow(1 + a, begin, end - begin);
    }
    blocks.push_back(block);
  }
  return blocks;
}

torch::Tensor reassemble_from_experts(const std::vector<torch::Tensor>& blocks, const ExpertPartition& partition) {
  LAS_CHECK(static_cast<int64_t>(blocks.size()) == partition.experts(),
            "reassemble_from_experts: " << blocks.size() << " blocks for " << partition.experts() << " experts");
  for (int64_t k = 0; k < partition.experts(); ++k) {
    const auto& b = blocks[static_cast<std::size_t>(k)];
    const auto ranges = partition.block_ranges(k);
    LAS_CHECK(b.dim() >= 1 + partition.axes(), "reassemble_from_experts: block " << k << " of rank " << b.dim());
    for (int a = 0; a < partition.axes(); ++a)
      LAS_CHECK(b.size(1 + a) == ranges[static_cast<std::size_t>(a)].second - ranges[static_cast<std::size_t>(a)].first,
                "reassemble_from_experts: block " << k << " has shape " << b.sizes());
  }
  return concatenate(blocks, partition, 0, 0);
}

torch::Tensor sample_expert_points(const ExpertPartition& partition, int64_t points_per_expert, std::uint64_t seed,
                                   const std::vector<int64_t>& skip_leading) {
  LAS_CHECK(skip_leading.empty() || static_cast<int>(skip_leading.size()) == partition.axes(),
            "sample_expert_points: skip_leading needs one entry per axis");
  if (points_per_expert < 1)
    throw ConfigError("moe.points_per_expert must be >= 1, got " + std::to_string(points_per_expert));
  const int axes = partition.axes();
  torch::Tensor samples = torch::empty({partition.experts(), points_per_expert}, torch::kInt64);
  auto out = samples.accessor<int64_t, 2>();
  for (int64_t k = 0; k < partition.experts(); ++k) {
    // The eligible points of the block, as flat global indices in row-major order.
    auto ranges = partition.block_ranges(k);
    for (int a = 0; a < axes && !skip_leading.empty(); ++a) {
      auto& r = ranges[static_cast<std::size_t>(a)];
      r.first = std::min(std::max(r.first, skip_leading[static_cast<std::size_t>(a)]), r.second);
    }
    std::vector<int64_t> eligible = {0};
    for (int a = 0; a < axes; ++a) {
      std::vector<int64_t> next;
      const auto [begin, end] = ranges[static_cast<std::size_t>(a)];
      const int64_t n_axis = partition.grid()[static_cast<std::size_t>(a)];
      for (const int64_t prefix : eligible)
        for (int64_t i = begin; i < end; ++i) next.push_back(prefix * n_axis + i);
      eligible.swap(next);
    }
    const auto n = static_cast<int64_t>(eligible.size());
    if (n < points_per_expert)
      throw ConfigError("moe.points_per_expert = " + std::to_string(points_per_expert) + " exceeds the " +
                        std::to_string(n) + " eligible points of expert " + std::to_string(k));
    learning::Rng rng(sequences::instance_seed(seed, static_cast<long long>(k)));
    for (int64_t i = 0; i < points_per_expert; ++i) {
      // uniform() < 1, so j < n; the 2^-53 granularity biases nothing at these sizes.
      const int64_t j = i + static_cast<int64_t>(rng.uniform() * static_cast<double>(n - i));
      std::swap(eligible[static_cast<std::size_t>(i)], eligible[static_cast<std::size_t>(j)]);
    }
    std::sort(eligible.begin(), eligible.begin() + points_per_expert);
    for (int64_t i = 0; i < points_per_expert; ++i) out[k][i] = eligible[static_cast<std::size_t>(i)];
  }
  return samples;
}

torch::Tensor combine_expert_expansions(const torch::Tensor& basis, const torch::Tensor& coefficients,
                                        const ExpertPartition& partition) {
  LAS_CHECK(coefficients.dim() == 3 && coefficients.size(1) == partition.experts() &&
                coefficients.size(2) == basis.size(-1) && basis.dim() == partition.axes() + 2,
            "combine_expert_expansions: basis " << basis.sizes() << " and coefficients " << coefficients.sizes()
                                                << " do not fit " << partition.experts() << " experts over "
                                                << partition.axes() << " axes");
  const std::string axes = std::string("tuvwyz").substr(0, static_cast<std::size_t>(partition.axes()));
  const std::string equation = "b" + axes + "n,bn->b" + axes;
  const std::vector<torch::Tensor> blocks = scatter_to_experts(basis, partition);
  std::vector<torch::Tensor> fields;
  for (int64_t k = 0; k < partition.experts(); ++k)
    fields.push_back(torch::einsum(equation, {blocks[static_cast<std::size_t>(k)], coefficients.select(1, k)}));
  return reassemble_from_experts(fields, partition);
}

}  // namespace las::moe
