// SPDX-License-Identifier: BSD-3-Clause
// Reading a deck once per job: rank 0 reads, everyone gets the text. Thousands of
// ranks opening the same small file at start-up hammer a parallel file system's
// metadata server; one read plus a broadcast does not.
#pragma once

#include <string>

#include "solvers/core/comm.hpp"

namespace las::config::detail {

/// Collective over `comm`: rank 0 reads the whole file at `path` and broadcasts it.
/// When rank 0 cannot read it, every rank throws the same las::ConfigError
/// "<path>: cannot read file: <strerror text>".
std::string read_file_on_root(const las::Comm& comm, const std::string& path);

}  // namespace las::config::detail
