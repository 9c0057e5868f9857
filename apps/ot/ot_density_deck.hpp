// SPDX-License-Identifier: BSD-3-Clause
// las_ot's problem.kind = densities: the deck keys of the two discretised densities and
// the problem they describe.
#pragma once

#include "solvers/config/deck.hpp"
#include "solvers/config/schema.hpp"
#include "solvers/ot/ot_problem.hpp"

namespace las::ot_app {

/// density.grid, density.p and density.{source,target}.{means,stds,weights}.
void add_density_keys(config::Schema& schema);

/// The W₁/W₂ problem between the deck's two Gaussian mixtures on the grid of
/// [0, 1]^problem.dim. A bad setting stops the run with one deck error naming the key.
ot::OtProblem build_density_problem(const Comm& comm, const config::Deck& deck);

}  // namespace las::ot_app
