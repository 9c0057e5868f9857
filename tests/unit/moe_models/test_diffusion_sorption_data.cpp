// SPDX-License-Identifier: BSD-3-Clause
// Reading the shipped small diffusion–sorption set into tensors (every rank the same
// trajectories): the generator's shape and grid (26 snapshots over [0, 500] s, 128 cells
// on (0, 1)), PDEBench's initial data u0 ~ U(0, 0.2), the boundary value u(0, t) = 1
// approached by the first cell, and one-line errors for a bad range or file.
#include <gtest/gtest.h>

#include <string>

#include "solvers/core/comm.hpp"
#include "solvers/core/error.hpp"
#include "solvers/moe/models/diffusion_sorption_data.hpp"

namespace las::moe {
namespace {

const std::string kFile = LAS_SOURCE_DIR "/inputs/pde_data/small_diffusion_sorption.h5";

TEST(DiffusionSorptionData, ReadsTheShippedSet) {
  const Comm comm;
  const DiffusionSorptionSet all = read_diffusion_sorption_set(comm, kFile);
  ASSERT_EQ(all.u.sizes(), (std::vector<int64_t>{8, 26, 128}));
  EXPECT_EQ(all.grid.times, 26);
  EXPECT_EQ(all.grid.cells, 128);
  EXPECT_NEAR(all.grid.dt, 20.0, 1e-12);
  EXPECT_NEAR(all.grid.dx, 1.0 / 128, 1e-15);
  // The generator's parameters come with the data (the paper's, reference notes §3.2).
  EXPECT_EQ(all.physics.diffusivity, 5e-4);
  EXPECT_EQ(all.physics.porosity, 0.29);
  EXPECT_EQ(all.physics.freundlich_n, 0.874);
  EXPECT_EQ(all.first, 0);
  EXPECT_GE(all.initial().min().item<double>(), 0.0);
  EXPECT_LE(all.initial().max().item<double>(), 0.2);
  // By t = 500 s the inflow u(0, t) = 1 has reached the first cell (half a cell away).
  EXPECT_GT(all.u.select(1, 25).select(1, 0).min().item<double>(), 0.9);

  const DiffusionSorptionSet part = read_diffusion_sorption_set(comm, kFile, 3, 2);
  EXPECT_TRUE(torch::equal(part.u, all.u.narrow(0, 3, 2)));
}

TEST(DiffusionSorptionData, BadRangeOrFileIsAnInputError) {
  const Comm comm;
  EXPECT_THROW(read_diffusion_sorption_set(comm, kFile, 6, 3), InputError);
  EXPECT_THROW(read_diffusion_sorption_set(comm, LAS_SOURCE_DIR "/inputs/pde_data/small_navier_stokes.h5"),
               InputError);
}

}  // namespace
}  // namespace las::moe
