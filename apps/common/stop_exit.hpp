// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/core/comm.hpp"

namespace las::app {

/// The end of a run that a stop signal cut short (solvers/core/stop_signals.hpp): one line
/// on stderr (rank 0) with where it stopped and how to go on, e.g.
///   las_moe_train: stopped by SIGTERM at step 1234 of 56000; continue with --restart ckpt.h5
/// and the exit code 128 + signal, the code of a process the signal had killed, so a
/// batch system or script does not take the run for finished. `checkpoint` is the file
/// just written; empty means none was, and `checkpoint_key` names the deck key to set.
int stopped_by_signal(const Comm& comm, const std::string& app_name, int signal, const std::string& where,
                      const std::string& checkpoint, const std::string& checkpoint_key);

}  // namespace las::app
