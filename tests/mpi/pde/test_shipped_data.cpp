// SPDX-License-Identifier: BSD-3-Clause
// The small data sets shipped in inputs/pde_data/ are what the generator makes from the
// parameters stored in them: each trajectory regenerated here matches the file (to
// round-off, allowing for another machine's libm/FFTW), and the stored shape, sample
// numbers and coordinates are the deck's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"
#include "solvers/pde/pde_dataset.hpp"
#include "tests/harness/fp_contract.hpp"

namespace las::pde {
namespace {

const std::string kInputs = LAS_SOURCE_DIR "/inputs/pde_data/";

// The spec as the file records it (its root attributes).
DatasetSpec spec_from_file(const Comm& comm, const std::string& file) {
  auto number = [&](const char* name) { return io::read_root_number(comm, file, name).value(); };
  DatasetSpec s;
  s.kind = parse_pde_kind(io::read_root_attribute(comm, file, "pde"));
  s.count = static_cast<long long>(number("count"));
  s.first = static_cast<long long>(number("first_sample"));
  s.seed = static_cast<std::uint64_t>(number("seed"));
  if (s.kind == PdeKind::diffusion_sorption) {
    DiffusionSorptionParams& p = s.diffusion_sorption;
    p.cells = static_cast<int>(number("cells"));
    p.snapshots = static_cast<int>(number("snapshots"));
    p.t_final = number("t_final");
    p.max_dt = number("dt");
    p.diffusivity = number("D");
    p.porosity = number("porosity");
    p.bulk_density = number("rho_s");
    p.freundlich_k = number("k");
    p.freundlich_n = number("n_f");
    p.left_value = number("left_value");
    s.ds_initial_max = number("initial_max");
  } else {
    NavierStokesParams& p = s.navier_stokes;
    p.n = static_cast<int>(number("n"));
    p.snapshots = static_cast<int>(number("snapshots"));
    p.t_final = number("t_final");
    p.max_dt = number("dt");
    p.viscosity = number("viscosity");
    p.forcing_amplitude = number("forcing_amplitude");
    s.grf_length_scale = number("grf_length_scale");
    s.grf_sigma = number("grf_sigma");
  }
  return s;
}

void expect_regenerated(const std::string& name, const std::string& field,
                        const std::vector<long long>& shape) {
  Comm comm;
  const std::string file = kInputs + name;
  const DatasetSpec spec = spec_from_file(comm, file);
  const io::ItemBlock stored = io::read_items(comm, file, field, 0, spec.count);
  EXPECT_EQ(stored.shape, shape);
  const std::size_t per_item = stored.values.size() / static_cast<std::size_t>(spec.count);
  const auto [begin, end] = block_range(spec.count, comm.rank(), comm.size());  // each rank a share
  for (long long i = begin; i < end; ++i) {
    const Trajectory t = generate_trajectory(spec, spec.first + i);
    ASSERT_EQ(t.values.size(), per_item);
    double scale = 0, difference = 0;
    for (std::size_t j = 0; j < per_item; ++j) {
      const double v = stored.values[static_cast<std::size_t>(i) * per_item + j];
      scale = std::max(scale, std::abs(v));
      difference = std::max(difference, std::abs(v - t.values[j]));
    }
    // The files come from a portable build; with FMA contraction the integrator rounds
    // differently and its many steps carry that to ~1e-10 (tests/harness/fp_contract.hpp).
    const double tolerance = test::kMayContractFma ? 1e-9 : 1e-12;
    EXPECT_LE(difference, tolerance * scale) << name << " sample " << i;
  }
  EXPECT_EQ(io::read_items(comm, file, "sample_index", 0, spec.count).values.front(),
            static_cast<double>(spec.first));
}

TEST(ShippedData, DiffusionSorptionIsTheGeneratorsOutput) {
  expect_regenerated("small_diffusion_sorption.h5", "u", {8, 26, 128});
}

TEST(ShippedData, NavierStokesIsTheGeneratorsOutput) {
  expect_regenerated("small_navier_stokes.h5", "w", {4, 11, 32, 32});
}

TEST(ShippedData, MoeNavierStokesIsTheGeneratorsOutput) {
  expect_regenerated("moe_navier_stokes.h5", "w", {8, 21, 32, 32});
}

}  // namespace
}  // namespace las::pde
