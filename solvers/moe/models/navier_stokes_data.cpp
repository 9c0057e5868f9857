// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/navier_stokes_data.hpp"

#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"
#include "solvers/moe/models/sample_range.hpp"

namespace las::moe {

NavierStokesSet read_navier_stokes_set(const Comm& comm, const std::string& file, long long first, long long count) {
  const std::string kind = io::read_root_attribute(comm, file, "pde");
  if (kind != "navier_stokes") throw InputError(file + ": attribute pde = '" + kind + "': not a Navier-Stokes set");
  const auto number = [&](const char* name) { return required_root_number(comm, file, name); };
  // The constraint and loss have no forcing term.
  if (const double forcing = number("forcing_amplitude"); forcing != 0)
    throw InputError(file + ": forcing_amplitude = " + std::to_string(forcing) +
                     ": the hard-constraint models support the unforced equation only");
  const io::ItemBlock w =
      read_sample_range(comm, file, "w", 4, "[count][snapshots][n][n]", "Navier-Stokes", first, count);
  const std::vector<long long>& shape = w.shape;
  const io::ItemBlock t = io::read_items(comm, file, "t", 0, shape[1]);
  const io::ItemBlock x = io::read_items(comm, file, "x", 0, shape[3]);
  const io::ItemBlock y = io::read_items(comm, file, "y", 0, shape[2]);
  NavierStokesSet set;
  try {
    set.grid = PeriodicGrid::from_coordinates(t.values, x.values, y.values);
  } catch (const InputError& e) {
    throw InputError(file + ": " + e.what());
  }
  set.w = torch::from_blob(const_cast<double*>(w.values.data()),
                           {count, shape[1], shape[2], shape[3]}, torch::kFloat64)
              .clone();
  set.viscosity = number("viscosity");
  set.file = file;
  set.first = first;
  return set;
}

}  // namespace las::moe
