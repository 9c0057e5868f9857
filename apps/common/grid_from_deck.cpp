// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/grid_from_deck.hpp"

#include "solvers/core/error.hpp"

namespace las::app {

std::unique_ptr<BoxGrid> grid_from_deck(const Comm& comm, const config::Deck& deck) {
  const int dim = static_cast<int>(deck.get_int("grid.dim"));
  const auto n = deck.get_int_list("grid.n");
  const auto procs = deck.get_int_list("grid.procs");
  if (static_cast<int>(n.size()) != dim)
    deck.fail("grid.n", "needs " + std::to_string(dim) + " entries for grid.dim = " + std::to_string(dim));
  if (!procs.empty() && static_cast<int>(procs.size()) != dim)
    deck.fail("grid.procs", "needs " + std::to_string(dim) + " entries or none");
  std::array<long long, 3> global{1, 1, 1};
  std::array<int, 3> p{0, 0, 0};
  for (int a = 0; a < dim; ++a) {
    global[a] = n[a];
    if (!procs.empty()) p[a] = static_cast<int>(procs[a]);
  }
  try {
    return std::make_unique<BoxGrid>(comm, dim, global, p);
  } catch (const ConfigError& e) {
    deck.fail("grid.n", e.what());
  }
}

}  // namespace las::app
