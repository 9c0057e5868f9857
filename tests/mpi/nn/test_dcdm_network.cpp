// SPDX-License-Identifier: BSD-3-Clause
// The DCDM network against independent truths: the paper's parameter counts, a serial
// reference forward pass written from the layer definitions (kernels/reference/nn_ref),
// rank-count independence, model-file round trips and clear errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "kernels/reference/nn_ref.hpp"
#include "solvers/sequences/grid_fields.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/nn/network_preconditioner.hpp"

namespace las::nn {
namespace {

namespace ref = kernels::reference;

TEST(NetworkArchitecture, ParameterCountsMatchThePaper) {
  // §1.2 of the notes: the N64 model has 97,457 parameters, the N128 model 152,881.
  EXPECT_EQ((NetworkArchitecture{3, 16, 2, 3, 2}.parameter_count()), 97457);
  EXPECT_EQ((NetworkArchitecture{3, 16, 3, 5, 3}.parameter_count()), 152881);
  EXPECT_EQ((NetworkArchitecture{3, 16, 2, 3, 2}.layer_count()), 16);
  EXPECT_THROW((NetworkArchitecture{4, 16, 2, 3, 2}.validate()), ConfigError);
  // Two levels: pairs 2 + 2 at each of two levels and 3 at the coarsest, 11 in all; the
  // quarter-resolution pairs cost 1/64 of a fine pair per fine cell in 3D.
  const NetworkArchitecture two{3, 16, 2, 3, 2, 2};
  EXPECT_EQ(two.layer_count(), 2 + 2 * 11);
  EXPECT_EQ(two.parameter_count(), (27 * 16 + 16) + 22LL * (16 * 16 * 27 + 16) + (16 + 1));
  const double pair = 4.0 * 27 * 16 * 16;
  EXPECT_DOUBLE_EQ(two.flops_per_cell(), 2.0 * 27 * 16 + pair * (4 + 4.0 / 8 + 3.0 / 64) + 2.0 * 16);
  EXPECT_THROW((NetworkArchitecture{3, 16, 2, 3, 2, 0}.validate()), ConfigError);
}

double field_value(long long i, long long j, long long k) { return std::sin(0.9 * i + 0.4 * j - 0.6 * k) + 0.2; }

DistVector global_field(const BoxGrid& grid) { return sequences::field_from_indices(grid, field_value, "x"); }

std::vector<float> host_floats(const kernels::FloatArray& a) {
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), a);
  return std::vector<float>(h.data(), h.data() + h.extent(0));
}

// The whole-domain forward pass from the reference layers (zero padding = zero ghosts).
std::vector<float> reference_forward(const DcdmNetwork& net, const std::array<long long, 3>& n, double scale) {
  const auto& a = net.architecture();
  std::vector<ref::Block> block{{a.dim, int(n[0]), int(n[1]), int(n[2])}};
  for (int d = 1; d <= a.levels; ++d) {
    const ref::Block& up = block.back();
    block.push_back({a.dim, up.nx / 2, up.ny / 2, a.dim == 3 ? up.nz / 2 : 1});
  }
  const ref::Block& fine = block[0];
  std::vector<float> in(fine.padded(), 0.0f);
  for (int k = 0; k < fine.nz; ++k)
    for (int j = 0; j < fine.ny; ++j)
      for (int i = 0; i < fine.nx; ++i) in[fine.idx(0, i, j, k)] = float(scale * field_value(i, j, k));
  const auto& L = net.layers();
  size_t l = 0;
  auto conv = [&](const ref::Block& b, const std::vector<float>& x, bool relu, const std::vector<float>* res) {
    const auto& w = L[l++];
    return ref::conv(b, w.kernel, w.c_in, w.c_out, host_floats(w.w), host_floats(w.bias), x, relu, res);
  };
  auto pairs = [&](int count, const ref::Block& b, std::vector<float>& x) {
    for (int p = 0; p < count; ++p) {
      const std::vector<float> t = conv(b, x, true, nullptr);
      x = conv(b, t, true, &x);
    }
  };
  std::vector<std::vector<float>> map(block.size());
  map[0] = conv(fine, in, false, nullptr);
  for (int d = 0; d < a.levels; ++d) {
    pairs(a.pairs_before, block[d], map[d]);
    map[d + 1] = ref::avg_pool2(block[d], a.channels, map[d]);
  }
  pairs(a.pairs_coarse, block[a.levels], map[a.levels]);
  for (int d = a.levels - 1; d >= 0; --d) {
    map[d] = ref::upsample2_add(block[d], a.channels, map[d + 1], map[d]);
    pairs(a.pairs_after, block[d], map[d]);
  }
  return conv(fine, map[0], false, nullptr);
}

// (dim, pooling levels)
class NetworkForward : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(NetworkForward, MatchesTheReferenceOnAnyRankCount) {
  const auto [dim, levels] = GetParam();
  Comm comm;
  const std::array<long long, 3> n{8, 16, dim == 3 ? 4 : 1};
  const BoxGrid grid(comm, dim, n);
  const DcdmNetwork net = DcdmNetwork::random({dim, 4, 1, 2, 1, levels}, 11);
  NetworkWorkspace work(grid, net.architecture());
  const DistVector x = global_field(grid);
  DistVector y = x.similar("y");
  net.forward(grid, work, x, 0.5, y);

  const std::vector<float> expected = reference_forward(net, n, 0.5);
  const ref::Block whole{dim, int(n[0]), int(n[1]), int(n[2])};
  double max_ref = 0;
  for (float v : expected) max_ref = std::max(max_ref, double(std::abs(v)));
  ASSERT_GT(max_ref, 0.0);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), y.view());
  const auto& ln = grid.local_extent();
  const auto& o = grid.offset();
  long long p = 0;
  for (int k = 0; k < ln[2]; ++k)
    for (int j = 0; j < ln[1]; ++j)
      for (int i = 0; i < ln[0]; ++i, ++p) {
        const double want = expected[whole.idx(0, int(o[0]) + i, int(o[1]) + j, int(o[2]) + k)];
        ASSERT_NEAR(h(p), want, 1e-5 * max_ref) << "cell (" << o[0] + i << "," << o[1] + j << "," << o[2] + k << ")";
      }
}

INSTANTIATE_TEST_SUITE_P(DimsAndLevels, NetworkForward,
                         ::testing::Combine(::testing::Values(2, 3), ::testing::Values(1, 2)));

TEST(NetworkPreconditioner, NormalisesItsInput) {
  Comm comm;
  const BoxGrid grid(comm, 2, {8, 8, 1});
  const DcdmNetwork net = DcdmNetwork::random({2, 4, 1, 1, 1}, 5);
  const NetworkPreconditioner m(grid, net);
  DistVector r = global_field(grid), z1 = r.similar(), z2 = r.similar();
  m.apply(r, z1);
  DistVector r5 = r.clone();
  axpy(4.0, r, r5);  // 5 r
  m.apply(r5, z2);
  axpy(-1.0, z1, z2);
  EXPECT_LE(norm2(z2), 1e-6 * norm2(z1));
  EXPECT_FALSE(m.symmetric());
}

TEST(NetworkFile, RoundTripsExactly) {
  Comm comm;
  const std::string path = comm.broadcast(
      (std::filesystem::temp_directory_path() / ("las_net_test_" + std::to_string(::getpid()) + ".h5")).string());
  const DcdmNetwork net = DcdmNetwork::random({3, 3, 1, 1, 2, 2}, 9);
  {
    io::OutputFile out(comm, path, "network: test");
    write_network(out, "model", net);
    out.commit();
  }
  const DcdmNetwork back = read_network(comm, path, "model");
  ASSERT_EQ(back.layers().size(), net.layers().size());
  for (size_t l = 0; l < net.layers().size(); ++l) {
    EXPECT_EQ(host_floats(back.layers()[l].w), host_floats(net.layers()[l].w)) << "layer " << l;
    EXPECT_EQ(host_floats(back.layers()[l].bias), host_floats(net.layers()[l].bias)) << "layer " << l;
  }
  EXPECT_THROW(read_network(comm, path, "no_such_model"), InputError);
  comm.barrier();
  if (comm.is_root()) std::remove(path.c_str());
}

TEST(NetworkFile, OneLevelKeepsTheFiveEntryRecordOfOlderFiles) {
  Comm comm;
  const std::string path = comm.broadcast(
      (std::filesystem::temp_directory_path() / ("las_net_old_" + std::to_string(::getpid()) + ".h5")).string());
  const DcdmNetwork net = DcdmNetwork::random({2, 3, 1, 1, 1}, 4);
  {
    io::OutputFile out(comm, path, "network: test");
    write_network(out, "model", net);
    out.commit();
  }
  // The record files written before `levels` existed carry, so older builds read it.
  EXPECT_EQ(io::read_state_record(comm, path, "model").integers.at("architecture").size(), 5u);
  const DcdmNetwork back = read_network(comm, path, "model");
  EXPECT_EQ(back.architecture().levels, 1);
  ASSERT_EQ(back.layers().size(), net.layers().size());
  for (size_t l = 0; l < net.layers().size(); ++l) {
    EXPECT_EQ(host_floats(back.layers()[l].w), host_floats(net.layers()[l].w)) << "layer " << l;
  }
  comm.barrier();
  if (comm.is_root()) std::remove(path.c_str());
}

TEST(NetworkWorkspace, OddBlocksAreRejectedOnEveryRank) {
  Comm comm;
  // 7 cells cannot be pooled at any rank count; 2 ranks on 6 cells along x give 3 each.
  const BoxGrid odd(comm, 2, {7, 8, 1});
  EXPECT_THROW(NetworkWorkspace(odd, NetworkArchitecture{2, 4, 1, 1, 1}), InputError);
  if (comm.size() == 2) {
    const BoxGrid split(comm, 2, {6, 8, 1}, {2, 1, 1});
    try {
      NetworkWorkspace w(split, NetworkArchitecture{2, 4, 1, 1, 1});
      ADD_FAILURE() << "no error for 3-cell blocks";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("even block"), std::string::npos) << e.what();
    }
  }
  // 12 cells pool twice (6, 3) but not a third time: the error names the level.
  const BoxGrid twelve(comm, 2, {12, 24, 1}, {1, comm.size(), 1});
  try {
    NetworkWorkspace w(twelve, NetworkArchitecture{2, 4, 1, 1, 1, 3});
    ADD_FAILURE() << "no error for a third pooling level on 3-cell blocks";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("pooling level 3 of 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace las::nn
