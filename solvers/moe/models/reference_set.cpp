// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/reference_set.hpp"

#include "solvers/core/error.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/moe/models/diffusion_sorption_physics.hpp"
#include "solvers/moe/models/navier_stokes_physics.hpp"

namespace las::moe {

MoeReferenceSet to_reference_set(const DiffusionSorptionSet& set, DiffusionSorptionConstraintOptions constraints) {
  constraints.physics = set.physics;  // the equation the data was generated with
  return {set.u, make_diffusion_sorption_physics(set.grid, constraints), set.file, set.first};
}

MoeReferenceSet to_reference_set(const NavierStokesSet& set) {
  return {set.w, make_navier_stokes_physics(set.grid, set.viscosity), set.file, set.first};
}

MoeReferenceSet read_moe_reference_set(const Comm& comm, const std::string& file, long long first, long long count,
                                       const DiffusionSorptionConstraintOptions& constraints) {
  const std::string kind = io::read_root_attribute(comm, file, "pde");
  if (kind == "navier_stokes") return to_reference_set(read_navier_stokes_set(comm, file, first, count));
  if (kind == "diffusion_sorption")
    return to_reference_set(read_diffusion_sorption_set(comm, file, first, count), constraints);
  throw InputError(file + ": attribute pde = '" + kind + "': expected diffusion_sorption or navier_stokes");
}

}  // namespace las::moe
