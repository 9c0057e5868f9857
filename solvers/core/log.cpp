// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/log.hpp"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

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

std::string duration_text(double seconds) {
  std::ostringstream o;
  if (seconds >= 3600) {
    o << static_cast<long long>(seconds / 3600) << "h" << std::setw(2) << std::setfill('0')
      << static_cast<long long>(std::fmod(seconds, 3600) / 60) << "m";
  } else if (seconds >= 60) {
    o << static_cast<long long>(seconds / 60) << "m" << static_cast<long long>(std::fmod(seconds, 60)) << "s";
  } else {
    o << std::fixed << std::setprecision(1) << seconds << "s";
  }
  return o.str();
}

}  // namespace las::log
