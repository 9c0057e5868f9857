// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>

#include "solvers/config/deck.hpp"
#include "solvers/core/box_grid.hpp"

namespace las::app {

/// The BoxGrid of the deck keys grid.dim, grid.n (one entry per dimension) and
/// grid.procs (empty, or one entry per dimension). A size the grid rejects becomes a
/// deck error naming grid.n. Collective.
std::unique_ptr<BoxGrid> grid_from_deck(const Comm& comm, const config::Deck& deck);

}  // namespace las::app
