// SPDX-License-Identifier: BSD-3-Clause
// The expert split of PI-HC-MoE: block sizes against hand-counted values (even and uneven
// splits), scatter then reassembly bit-equal to the field, every block holding the values
// of its index range, and the sampled points deterministic, distinct, inside their block.
#include <gtest/gtest.h>

#include <functional>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/expert_partition.hpp"

namespace las::moe {
namespace {

using Range = std::pair<int64_t, int64_t>;

TEST(ExpertPartition, BlockSizesEvenAndUneven) {
  const ExpertPartition even({26, 128}, {1, 4});
  EXPECT_EQ(even.experts(), 4);
  for (int64_t k = 0; k < 4; ++k)
    EXPECT_EQ(even.block_ranges(k), (std::vector<Range>{{0, 26}, {32 * k, 32 * k + 32}}));

  // 26 = 9 + 9 + 8 and 128 = 26 + 26 + 26 + 25 + 25: sizes differ by at most one.
  const ExpertPartition uneven({26, 128}, {3, 5});
  EXPECT_EQ(uneven.experts(), 15);
  EXPECT_EQ(uneven.range(0, 2), (Range{18, 26}));
  EXPECT_EQ(uneven.range(1, 3), (Range{78, 103}));
  EXPECT_EQ(uneven.block_of(7), (std::vector<int64_t>{1, 2}));  // row-major, t slowest
  EXPECT_EQ(uneven.block_ranges(7), (std::vector<Range>{{9, 18}, {52, 78}}));
  int64_t total = 0;
  for (int64_t k = 0; k < uneven.experts(); ++k) total += uneven.block_points(k);
  EXPECT_EQ(total, 26 * 128);
}

void expect_exact_round_trip(const std::vector<int64_t>& grid, const std::vector<int64_t>& split,
                             const std::vector<int64_t>& trailing) {
  const ExpertPartition p(grid, split);
  std::vector<int64_t> shape = {2};
  shape.insert(shape.end(), grid.begin(), grid.end());
  shape.insert(shape.end(), trailing.begin(), trailing.end());
  const torch::Tensor field = torch::randn(shape, torch::kFloat64);
  const std::vector<torch::Tensor> blocks = scatter_to_experts(field, p);
  ASSERT_EQ(static_cast<int64_t>(blocks.size()), p.experts());
  // Each block holds exactly the values of its ranges (checked element by element).
  for (int64_t k = 0; k < p.experts(); ++k) {
    const auto ranges = p.block_ranges(k);
    const torch::Tensor flat_block = blocks[static_cast<std::size_t>(k)].contiguous().reshape({-1});
    const torch::Tensor flat_field = field.reshape({2, -1});
    int64_t n = 0;
    const int64_t inner = std::accumulate(trailing.begin(), trailing.end(), int64_t{1}, std::multiplies<>());
    std::vector<int64_t> idx(grid.size());
    const int64_t points = p.block_points(k);
    for (int64_t b = 0; b < 2; ++b)
      for (int64_t q = 0; q < points; ++q) {
        int64_t rem = q, global = 0;
        for (int a = static_cast<int>(grid.size()) - 1; a >= 0; --a) {
          const auto [lo, hi] = ranges[static_cast<std::size_t>(a)];
          idx[static_cast<std::size_t>(a)] = lo + rem % (hi - lo);
          rem /= hi - lo;
        }
        for (std::size_t a = 0; a < grid.size(); ++a) global = global * grid[a] + idx[a];
        for (int64_t r = 0; r < inner; ++r, ++n)
          ASSERT_EQ(flat_block[n].item<double>(), flat_field[b][global * inner + r].item<double>());
      }
  }
  const torch::Tensor back = reassemble_from_experts(blocks, p);
  EXPECT_TRUE(torch::equal(back, field));  // bit-equal
}

TEST(ExpertPartition, ScatterThenReassembleIsExact) {
  torch::manual_seed(3);
  expect_exact_round_trip({26, 16}, {1, 4}, {3});
  expect_exact_round_trip({11, 13}, {3, 5}, {});
  expect_exact_round_trip({5, 7, 4}, {2, 3, 2}, {2});
}

TEST(ExpertPartition, ReassemblyChecksItsBlocks) {
  const ExpertPartition p({6, 8}, {2, 2});
  std::vector<torch::Tensor> blocks = scatter_to_experts(torch::zeros({1, 6, 8}), p);
  blocks.pop_back();
  EXPECT_THROW(reassemble_from_experts(blocks, p), Error);
  blocks.push_back(torch::zeros({1, 3, 5}));
  EXPECT_THROW(reassemble_from_experts(blocks, p), Error);
}

TEST(ExpertPartition, BadSplitNamesTheAxis) {
  EXPECT_THROW(ExpertPartition({26, 128}, {0, 4}), ConfigError);
  EXPECT_THROW(ExpertPartition({26, 128}, {1, 4, 1}), ConfigError);
  try {
    ExpertPartition({26, 128}, {1, 200});
    FAIL() << "200 parts of 128 accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("moe.split[1]"), std::string::npos) << e.what();
  }
}

TEST(ExpertPartition, SamplingIsDeterministicDistinctAndInsideTheBlock) {
  const ExpertPartition p({26, 128}, {2, 4});
  const int64_t points = 60;
  const torch::Tensor a = sample_expert_points(p, points, 7, {1, 0});
  const torch::Tensor b = sample_expert_points(p, points, 7, {1, 0});
  const torch::Tensor c = sample_expert_points(p, points, 8, {1, 0});
  ASSERT_EQ(a.sizes(), (std::vector<int64_t>{p.experts(), points}));
  EXPECT_TRUE(torch::equal(a, b));
  EXPECT_FALSE(torch::equal(a, c));
  auto acc = a.accessor<int64_t, 2>();
  for (int64_t k = 0; k < p.experts(); ++k) {
    const auto ranges = p.block_ranges(k);
    std::set<int64_t> seen;
    for (int64_t i = 0; i < points; ++i) {
      const int64_t t = acc[k][i] / 128, x = acc[k][i] % 128;
      EXPECT_GE(t, std::max<int64_t>(ranges[0].first, 1));  // t = 0 skipped
      EXPECT_LT(t, ranges[0].second);
      EXPECT_GE(x, ranges[1].first);
      EXPECT_LT(x, ranges[1].second);
      if (i > 0) {
        EXPECT_LT(acc[k][i - 1], acc[k][i]);  // ascending, hence distinct
      }
      seen.insert(acc[k][i]);
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), points);
  }
}

TEST(ExpertPartition, SamplingEveryEligiblePointCoversTheBlock) {
  const ExpertPartition p({5, 6}, {1, 2});  // blocks 5 x 3; 4 x 3 = 12 eligible (t >= 1)
  const torch::Tensor s = sample_expert_points(p, 12, 1, {1, 0});
  for (int64_t k = 0; k < 2; ++k) {
    std::vector<int64_t> expected;
    for (int64_t t = 1; t < 5; ++t)
      for (int64_t x = 3 * k; x < 3 * k + 3; ++x) expected.push_back(t * 6 + x);
    const torch::Tensor row = s[k];
    EXPECT_EQ(std::vector<int64_t>(row.data_ptr<int64_t>(), row.data_ptr<int64_t>() + 12), expected);
  }
  EXPECT_THROW(sample_expert_points(p, 13, 1, {1, 0}), ConfigError);
  EXPECT_THROW(sample_expert_points(p, 0, 1), ConfigError);
}

}  // namespace
}  // namespace las::moe
