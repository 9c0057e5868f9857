// SPDX-License-Identifier: BSD-3-Clause
// Atomic text output (XDMF sidecars, reports): a reader never sees a partial file.
#pragma once

#include <string>

#include "solvers/core/comm.hpp"

namespace las::io {

/// Collective. Rank 0 writes `text` (rank 0's argument; the others' is ignored) to a
/// temporary file in the directory of `path`, then renames it onto `path`, replacing
/// an existing file atomically. On failure nothing is left behind and every rank
/// throws the same las::Error naming `path`.
void write_text_atomically(const Comm& comm, const std::string& path, const std::string& text);

}  // namespace las::io
