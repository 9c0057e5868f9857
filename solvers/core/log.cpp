// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/log.hpp"

#include <atomic>
#include <cstdio>

namespace las::log {
namespace {
std::atomic<int> g_verbosity{1};
}

void set_verbosity(int level) { g_verbosity = level; }
int verbosity() { return g_verbosity; }

void print(const Comm& comm, int level, const std::string& message) {
  if (level > g_verbosity || !comm.is_root()) return;
  std::fwrite(message.data(), 1, message.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void warn(const Comm& comm, const std::string& message) {
  if (!comm.is_root()) return;
  std::fprintf(stderr, "las: warning: %s\n", message.c_str());
}

}  // namespace las::log
