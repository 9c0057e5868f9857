// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/diffusion_sorption_data.hpp"

#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"
#include "solvers/moe/models/sample_range.hpp"

namespace las::moe {
namespace {

// The generator's parameters, stored as root attributes by las::pde::write_dataset.
pde::DiffusionSorptionParams read_physics(const Comm& comm, const std::string& file) {
  const std::string kind = io::read_root_attribute(comm, file, "pde");
  if (kind != "diffusion_sorption")
    throw InputError(file + ": attribute pde = '" + kind + "': not a diffusion-sorption set");
  const auto number = [&](const char* name) { return required_root_number(comm, file, name); };
  pde::DiffusionSorptionParams p;
  p.diffusivity = number("D");
  p.porosity = number("porosity");
  p.bulk_density = number("rho_s");
  p.freundlich_k = number("k");
  p.freundlich_n = number("n_f");
  p.left_value = number("left_value");
  return p;
}

}  // namespace

DiffusionSorptionSet read_diffusion_sorption_set(const Comm& comm, const std::string& file, long long first,
                                                 long long count) {
  const pde::DiffusionSorptionParams physics = read_physics(comm, file);
  const io::ItemBlock u =
      read_sample_range(comm, file, "u", 3, "[count][snapshots][cells]", "diffusion-sorption", first, count);
  const io::ItemBlock t = io::read_items(comm, file, "t", 0, u.shape[1]);
  const io::ItemBlock x = io::read_items(comm, file, "x", 0, u.shape[2]);
  DiffusionSorptionSet set;
  try {
    set.grid = SpaceTimeGrid::from_coordinates(t.values, x.values);
  } catch (const InputError& e) {
    throw InputError(file + ": " + e.what());
  }
  set.u = torch::from_blob(const_cast<double*>(u.values.data()), {count, u.shape[1], u.shape[2]},
                           torch::kFloat64)
              .clone();
  set.physics = physics;
  set.file = file;
  set.first = first;
  return set;
}

}  // namespace las::moe
