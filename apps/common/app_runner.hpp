// SPDX-License-Identifier: BSD-3-Clause
// The life cycle every las app shares: MPI, then Kokkos (which strips --kokkos-*
// arguments), the app body, then finalize in reverse. An error anywhere becomes one
// line on stderr and a non-zero exit, and no rank is left hanging.
#pragma once

#include <functional>
#include <string>

namespace las::app {

/// Runs `body(argc, argv)` between MPI/Kokkos initialisation and finalisation and
/// returns the process exit code. If the body throws on every rank (las's collective
/// errors: bad deck, bad input file), rank 0 prints "<name>: error: <message>" and all
/// ranks exit 1 cleanly. If only some ranks throw, each of them prints its message
/// with its rank and calls MPI_Abort, so ranks blocked elsewhere are not left hanging.
int run(int argc, char** argv, const std::string& name,
        const std::function<int(int&, char**&)>& body);

}  // namespace las::app
