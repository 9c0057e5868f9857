// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/navier_stokes_data.hpp"

#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"

namespace las::moe {

NavierStokesSet read_navier_stokes_set(const Comm& comm, const std::string& file, long long first, long long count) {
  const std::string kind = io::read_root_attribute(comm, file, "pde");
  if (kind != "navier_stokes") throw InputError(file + ": attribute pde = '" + kind + "': not a Navier-Stokes set");
  auto number = [&](const char* name) {
    const auto v = io::read_root_number(comm, file, name);
    if (!v) throw InputError(file + ": root attribute '" + std::string(name) + "' missing");
    return *v;
  };
  // The constraint and loss have no forcing term.
  if (const double forcing = number("forcing_amplitude"); forcing != 0)
    throw InputError(file + ": forcing_amplitude = " + std::to_string(forcing) +
                     ": the hard-constraint models support the unforced equation only");
  const io::ItemBlock probe = io::read_items(comm, file, "w", 0, 0);
  if (probe.shape.size() != 4)
    throw InputError(file + ": dataset 'w' is not [count][snapshots][n][n]: not a Navier-Stokes set");
  const long long total = probe.shape[0];
  if (count < 0) count = total - first;
  if (first < 0 || count <= 0 || first + count > total) {
    throw InputError(file + ": samples [" + std::to_string(first) + ", " + std::to_string(first + count) +
                     ") requested, the file holds " + std::to_string(total));
  }
  const io::ItemBlock w = io::read_items(comm, file, "w", first, count);
  const io::ItemBlock t = io::read_items(comm, file, "t", 0, probe.shape[1]);
  const io::ItemBlock x = io::read_items(comm, file, "x", 0, probe.shape[3]);
  const io::ItemBlock y = io::read_items(comm, file, "y", 0, probe.shape[2]);
  NavierStokesSet set;
  try {
    set.grid = PeriodicGrid::from_coordinates(t.values, x.values, y.values);
  } catch (const InputError& e) {
    throw InputError(file + ": " + e.what());
  }
  set.w = torch::from_blob(const_cast<double*>(w.values.data()),
                           {count, probe.shape[1], probe.shape[2], probe.shape[3]}, torch::kFloat64)
              .clone();
  set.viscosity = number("viscosity");
  set.file = file;
  set.first = first;
  return set;
}

}  // namespace las::moe
