// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/stop_signals.hpp"

#include <csignal>
#include <stdexcept>

namespace las {
namespace {

constexpr int kStopSignals[] = {SIGTERM, SIGUSR1};

// Written by the handler, read by stop_requested(): only async-signal-safe state.
volatile std::sig_atomic_t g_received = 0;
bool g_guarded = false;  // the same on every rank: guards are made collectively
struct sigaction g_previous[2];

// A repeated signal is not an escalation: at Slurm's time limit a task gets SIGTERM from
// its step daemon and again from srun, which forwards it. SIGKILL follows anyway, and
// SIGINT (Ctrl-C) keeps its default.
void on_stop_signal(int signal) {
  if (g_received == 0) g_received = signal;
}

}  // namespace

StopSignalGuard::StopSignalGuard() {
  if (g_guarded) throw std::logic_error("StopSignalGuard: one guard at a time");
  g_received = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // MPI's and HDF5's system calls go on undisturbed
  for (int i = 0; i < 2; ++i) sigaction(kStopSignals[i], &action, &g_previous[i]);
  g_guarded = true;
}

StopSignalGuard::~StopSignalGuard() {
  for (int i = 0; i < 2; ++i) sigaction(kStopSignals[i], &g_previous[i], nullptr);
  g_guarded = false;
}

int stop_requested(const Comm& comm) {
  if (!g_guarded) return 0;
  return static_cast<int>(comm.max(static_cast<long long>(g_received)));
}

const char* signal_name(int signal) {
  switch (signal) {
    case SIGTERM: return "SIGTERM";
    case SIGUSR1: return "SIGUSR1";
    default: return "a signal";
  }
}

}  // namespace las
