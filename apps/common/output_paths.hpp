// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/config/deck.hpp"
#include "solvers/core/comm.hpp"

namespace las::app {

/// Fails on every rank, before any work is done, when the directory of an output path
/// does not exist (an empty path means no output and passes). `what` names the
/// output in the message, e.g. "output.file".
void check_output_dir(const Comm& comm, const std::string& path, const std::string& what);

/// Fails on every rank with the deck's one-line error when the deck key `key` names a
/// directory that does not exist (empty: no output, passes).
void check_output_directory(const Comm& comm, const config::Deck& deck, const std::string& key);

/// The start-up lines every app prints on rank 0: name, version, ranks, deck and the
/// resolved configuration (so a batch log records exactly what ran).
void log_startup(const Comm& comm, const std::string& app_name, const config::Deck& deck);

}  // namespace las::app
