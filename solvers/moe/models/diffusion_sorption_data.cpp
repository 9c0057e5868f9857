// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/diffusion_sorption_data.hpp"

#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"

namespace las::moe {
namespace {

// The generator's parameters, stored as root attributes by las::pde::write_dataset.
pde::DiffusionSorptionParams read_physics(const Comm& comm, const std::string& file) {
  const std::string kind = io::read_root_attribute(comm, file, "pde");
  if (kind != "diffusion_sorption")
    throw InputError(file + ": attribute pde = '" + kind + "': not a diffusion-sorption set");
  auto number = [&](const char* name) {
    const auto v = io::read_root_number(comm, file, name);
    if (!v) throw InputError(file + ": root attribute '" + std::string(name) + "' missing");
    return *v;
  };
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
  // The shape first (an empty range on every rank), then the requested samples.
  const io::ItemBlock probe = io::read_items(comm, file, "u", 0, 0);
  if (probe.shape.size() != 3)
    throw InputError(file + ": dataset 'u' is not [count][snapshots][cells]: not a diffusion-sorption set");
  const long long total = probe.shape[0];
  if (count < 0) count = total - first;
  if (first < 0 || count <= 0 || first + count > total) {
    throw InputError(file + ": samples [" + std::to_string(first) + ", " + std::to_string(first + count) +
                     ") requested, the file holds " + std::to_string(total));
  }
  const io::ItemBlock u = io::read_items(comm, file, "u", first, count);
  const io::ItemBlock t = io::read_items(comm, file, "t", 0, probe.shape[1]);
  const io::ItemBlock x = io::read_items(comm, file, "x", 0, probe.shape[2]);
  DiffusionSorptionSet set;
  try {
    set.grid = SpaceTimeGrid::from_coordinates(t.values, x.values);
  } catch (const InputError& e) {
    throw InputError(file + ": " + e.what());
  }
  set.u = torch::from_blob(const_cast<double*>(u.values.data()), {count, probe.shape[1], probe.shape[2]},
                           torch::kFloat64)
              .clone();
  set.physics = physics;
  set.file = file;
  set.first = first;
  return set;
}

}  // namespace las::moe
