// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>
#include <vector>

#include "solvers/config/schema.hpp"

namespace las::app {

/// What every las app takes on its command line (after Kokkos removed its flags):
/// `APP [DECK.yaml] [key=value ...] [--report FILE.json] [--restart FILE.h5] [--keys] [--help]`.
struct CommonArgs {
  std::string deck;                    ///< empty: the schema's defaults
  std::vector<std::string> overrides;  ///< "key=value", applied after the deck
  std::string report;                  ///< JSON report path (empty: none)
  std::string restart;                 ///< checkpoint to resume from (apps with long runs)
  bool exit_now = false;               ///< --help/--keys was handled: exit 0
};

/// Parses argv with CLI11. --help prints usage and `description`; --keys prints the
/// schema's table of deck keys (only on rank `rank` == 0). Throws las::ConfigError on
/// bad usage (unknown flag, two decks) with CLI11's message.
/// `with_restart` adds --restart for apps that checkpoint.
CommonArgs parse_common_args(int argc, char** argv, const std::string& name,
                             const std::string& description, const config::Schema& schema, int rank,
                             bool with_restart = false);

}  // namespace las::app
