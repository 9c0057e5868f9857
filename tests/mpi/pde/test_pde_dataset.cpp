// SPDX-License-Identifier: BSD-3-Clause
// Reference data sets over MPI ranks: the file written by all ranks equals, bit for bit,
// the file written by rank 0 alone, and both equal the trajectories solved serially
// (sample i a pure function of (seed, i)); coordinates, sample numbers and parameters are
// in the file; a failed trajectory is an error on every rank and leaves no file.
#include <gtest/gtest.h>
#include <mpi.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../io/io_test_support.hpp"
#include "solvers/core/comm.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"
#include "solvers/pde/pde_dataset.hpp"
#include "solvers/pde/time_grid.hpp"

namespace las::pde {
namespace {

DatasetSpec small_spec(PdeKind kind) {
  DatasetSpec s;
  s.kind = kind;
  s.count = 5;   // uneven over 2 ranks (3 + 2)
  s.first = 10;  // samples 10..14
  s.seed = 2024;
  s.batch = 2;  // several collective writes, the last one empty on one rank
  s.diffusion_sorption.cells = 64;
  s.diffusion_sorption.snapshots = 11;
  s.diffusion_sorption.t_final = 50;
  s.navier_stokes.n = 16;
  s.navier_stokes.snapshots = 5;
  s.navier_stokes.t_final = 0.5;
  s.navier_stokes.max_dt = 0.01;
  return s;
}

// Writes the data set with all ranks, and again with rank 0 alone.
void write_both(const Comm& comm, const DatasetSpec& spec, const std::string& all, const std::string& alone) {
  write_dataset(comm, spec, all, "test: all ranks");
  if (comm.is_root()) write_dataset(Comm(MPI_COMM_SELF), spec, alone, "test: rank 0 alone");
  comm.barrier();
}

class PdeDataset : public ::testing::TestWithParam<PdeKind> {};

TEST_P(PdeDataset, AnyRankCountWritesTheSameSerialTrajectories) {
  Comm comm;
  io::testing::TempDir dir(comm);
  const DatasetSpec spec = small_spec(GetParam());
  const std::string all = dir.file("all.h5"), alone = dir.file("alone.h5");
  write_both(comm, spec, all, alone);

  const std::string field = spec.kind == PdeKind::diffusion_sorption ? "u" : "w";
  const io::ItemBlock a = io::read_items(comm, all, field, 0, spec.count);
  const io::ItemBlock b = io::read_items(comm, alone, field, 0, spec.count);
  EXPECT_EQ(a.shape, b.shape);
  EXPECT_EQ(a.values, b.values);  // bit-identical
  const std::vector<long long> expected_shape = spec.kind == PdeKind::diffusion_sorption
                                                    ? std::vector<long long>{5, 11, 64}
                                                    : std::vector<long long>{5, 5, 16, 16};
  EXPECT_EQ(a.shape, expected_shape);

  // The serial oracle: each sample solved on its own.
  const std::size_t per_item = a.values.size() / static_cast<std::size_t>(spec.count);
  for (long long i = 0; i < spec.count; ++i) {
    const Trajectory t = generate_trajectory(spec, spec.first + i);
    ASSERT_EQ(t.values.size(), per_item);
    const std::vector<double> stored(a.values.begin() + static_cast<std::ptrdiff_t>(i * per_item),
                                     a.values.begin() + static_cast<std::ptrdiff_t>((i + 1) * per_item));
    EXPECT_EQ(stored, t.values) << "sample " << spec.first + i;
  }
  // Different samples differ.
  EXPECT_NE(std::vector<double>(a.values.begin(), a.values.begin() + static_cast<std::ptrdiff_t>(per_item)),
            std::vector<double>(a.values.begin() + static_cast<std::ptrdiff_t>(per_item),
                                a.values.begin() + static_cast<std::ptrdiff_t>(2 * per_item)));

  const io::ItemBlock index = io::read_items(comm, all, "sample_index", 0, spec.count);
  EXPECT_EQ(index.values, (std::vector<double>{10, 11, 12, 13, 14}));
  const io::ItemBlock t = io::read_items(comm, all, "t", 0, 5);
  EXPECT_EQ(t.values[1], spec.kind == PdeKind::diffusion_sorption ? 5.0 : 0.125);
  const io::ItemBlock x = io::read_items(comm, all, "x", 0, 1);
  EXPECT_EQ(x.values[0], spec.kind == PdeKind::diffusion_sorption ? 0.5 / 64 : 0.0);

  EXPECT_EQ(io::read_root_attribute(comm, all, "pde"), to_string(spec.kind));
  EXPECT_EQ(io::read_root_number(comm, all, "seed"), 2024.0);
  EXPECT_EQ(io::read_root_number(comm, all, "first_sample"), 10.0);
  if (spec.kind == PdeKind::diffusion_sorption) {
    EXPECT_EQ(io::read_root_number(comm, all, "D"), 5e-4);
    EXPECT_EQ(io::read_root_number(comm, all, "n_f"), 0.874);
    EXPECT_EQ(io::read_root_number(comm, all, "dt"), 0.5);
  } else {
    EXPECT_EQ(io::read_root_number(comm, all, "viscosity"), 1e-4);
    EXPECT_EQ(io::read_root_number(comm, all, "grf_length_scale"), 0.8);
  }
  EXPECT_EQ(io::read_root_attribute(comm, all, "config"), "test: all ranks");
}

INSTANTIATE_TEST_SUITE_P(BothPdes, PdeDataset,
                         ::testing::Values(PdeKind::diffusion_sorption, PdeKind::navier_stokes),
                         [](const auto& param_info) { return std::string(to_string(param_info.param)); });

TEST(PdeDatasetFailure, BlownUpFlowIsAnErrorOnEveryRankAndLeavesNoFile) {
  Comm comm;
  io::testing::TempDir dir(comm);
  DatasetSpec spec = small_spec(PdeKind::navier_stokes);
  spec.grf_sigma = 200;  // CFL far above 1: the explicit advection blows up
  spec.navier_stokes.max_dt = 0.1;
  spec.navier_stokes.t_final = 200;
  spec.navier_stokes.snapshots = 2;
  bool threw = false;
  try {
    write_dataset(comm, spec, dir.file("bad.h5"), "");
  } catch (const NotConvergedError& e) {
    threw = true;
    EXPECT_NE(std::string(e.what()).find("navier_stokes sample 10"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(threw);
  comm.barrier();
  EXPECT_TRUE(dir.entries().empty());
}

TEST(PdeDatasetFailure, BadParametersAreErrorsBeforeAnyFile) {
  Comm comm;
  io::testing::TempDir dir(comm);
  DatasetSpec spec = small_spec(PdeKind::diffusion_sorption);
  spec.diffusion_sorption.diffusivity = -1;
  EXPECT_THROW(write_dataset(comm, spec, dir.file("bad.h5"), ""), Error);
  spec = small_spec(PdeKind::navier_stokes);
  spec.navier_stokes.n = 15;
  EXPECT_THROW(write_dataset(comm, spec, dir.file("bad.h5"), ""), Error);
  EXPECT_TRUE(dir.entries().empty());
}

TEST(PdeDataset, BlockRangesCoverEveryItemOnce) {
  for (int size : {1, 2, 3, 7})
    for (long long count : {1LL, 5LL, 8000LL}) {
      long long next = 0;
      for (int r = 0; r < size; ++r) {
        const auto [b, e] = block_range(count, r, size);
        EXPECT_EQ(b, next);
        EXPECT_GE(e, b);
        EXPECT_LE(e - b, count / size + 1);
        next = e;
      }
      EXPECT_EQ(next, count);
    }
}

}  // namespace
}  // namespace las::pde
