// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/core/comm.hpp"

namespace las::app {

/// Fails on every rank, before any work is done, when the directory of an output path
/// does not exist (an empty path means no output and passes). `what` names the
/// output in the message, e.g. "output.file".
void check_output_dir(const Comm& comm, const std::string& path, const std::string& what);

}  // namespace las::app
