// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/stop_exit.hpp"

#include <cstdio>

#include "solvers/core/stop_signals.hpp"

namespace las::app {

int stopped_by_signal(const Comm& comm, const std::string& app_name, int signal, const std::string& where,
                      const std::string& checkpoint, const std::string& checkpoint_key) {
  if (comm.is_root()) {
    const std::string next = checkpoint.empty()
                                 ? "no checkpoint was written (" + checkpoint_key + " is empty)"
                                 : "continue with --restart " + checkpoint;
    std::fprintf(stderr, "%s: stopped by %s %s; %s\n", app_name.c_str(), signal_name(signal), where.c_str(),
                 next.c_str());
    std::fflush(stderr);
  }
  return 128 + signal;
}

}  // namespace las::app
