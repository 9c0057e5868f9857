// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/deck.hpp"
#include "solvers/config/schema.hpp"
#include "solvers/pde/pde_dataset.hpp"

namespace las::pde_data_app {

/// Every deck key of las_pde_data, with defaults (the paper's set-ups), bounds and help.
config::Schema make_schema();

/// The data set a deck asks for; checks the schema cannot express (an even
/// Navier–Stokes grid, a required output file) fail with the deck's one-line error.
pde::DatasetSpec dataset_spec(const config::Deck& deck);

}  // namespace las::pde_data_app
