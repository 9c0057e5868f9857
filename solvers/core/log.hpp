// SPDX-License-Identifier: BSD-3-Clause
// The only way code below apps/ prints. Messages go to stdout on rank 0 of the
// communicator given, filtered by a process-wide verbosity (0 quiet, 1 normal, 2 debug).
#pragma once

#include <sstream>
#include <string>

#include "solvers/core/comm.hpp"

namespace las::log {

void set_verbosity(int level);
int verbosity();

/// Prints `message` on rank 0 when level <= verbosity().
void print(const Comm& comm, int level, const std::string& message);
inline void info(const Comm& comm, const std::string& m) { print(comm, 1, m); }
inline void debug(const Comm& comm, const std::string& m) { print(comm, 2, m); }
/// Warnings always print (to stderr, rank 0).
void warn(const Comm& comm, const std::string& message);

/// A duration for progress lines: "42.0s", "3m12s", "2h05m".
std::string duration_text(double seconds);

}  // namespace las::log
