// SPDX-License-Identifier: BSD-3-Clause
// A graceful stop for long runs in batch jobs. Schedulers warn a job before they kill it:
// Slurm sends SIGTERM and SIGKILL KillWait seconds later (and any signal at a chosen lead
// time with `--signal=USR1@SECONDS`), PBS sends SIGTERM and SIGKILL after kill_delay, and
// Open MPI's mpiexec passes SIGUSR1 on to every rank. While a StopSignalGuard lives, SIGTERM
// and SIGUSR1 only set a flag; a loop that can checkpoint (a training run, a bandit
// sequence) polls it collectively at each step boundary, writes its checkpoint, and stops
// with a message that says how to continue. The first signal counts; SIGINT keeps its
// default (Ctrl-C stops at once).
#pragma once

#include "solvers/core/comm.hpp"

namespace las {

/// Installs the SIGTERM and SIGUSR1 handlers for its lifetime and restores the previous
/// ones on destruction. Create it on every rank (collectively), around the phase that
/// polls stop_requested(); one guard at a time.
class StopSignalGuard {
 public:
  StopSignalGuard();
  ~StopSignalGuard();
  StopSignalGuard(const StopSignalGuard&) = delete;
  StopSignalGuard& operator=(const StopSignalGuard&) = delete;
};

/// Collective over `comm`: the signal (SIGTERM or SIGUSR1) that some rank received since
/// the guard was made, the same on every rank, or 0 when none did. Without a guard it
/// returns 0 at once and communicates nothing (library code may poll unconditionally).
int stop_requested(const Comm& comm);

/// "SIGTERM", "SIGUSR1", or "a signal".
const char* signal_name(int signal);

}  // namespace las
