// SPDX-License-Identifier: BSD-3-Clause
// The graceful stop of batch runs (solvers/core/stop_signals.hpp): a signal that reaches
// any one rank stops every rank at the same poll, nothing is polled or communicated
// without a guard, and the guard hands the previous handlers back.
#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>

#include "solvers/core/stop_signals.hpp"

namespace las {
namespace {

volatile std::sig_atomic_t g_custom_calls = 0;
void custom_handler(int) { ++g_custom_calls; }

TEST(StopSignals, WithoutAGuardNothingIsRequested) {
  const Comm comm;
  EXPECT_EQ(stop_requested(comm), 0);
}

TEST(StopSignals, ASignalOnOneRankStopsEveryRank) {
  const Comm comm;
  for (const int signal : {SIGUSR1, SIGTERM}) {
    const StopSignalGuard guard;
    EXPECT_EQ(stop_requested(comm), 0);
    // The last rank only: the others learn it from the poll.
    if (comm.rank() == comm.size() - 1) std::raise(signal);
    EXPECT_EQ(stop_requested(comm), signal) << signal_name(signal);
    EXPECT_EQ(stop_requested(comm), signal) << "a request stays until the guard ends";
  }
}

TEST(StopSignals, ANewGuardStartsWithoutARequest) {
  const Comm comm;
  {
    const StopSignalGuard guard;
    std::raise(SIGUSR1);
    ASSERT_EQ(stop_requested(comm), SIGUSR1);
  }
  const StopSignalGuard guard;
  EXPECT_EQ(stop_requested(comm), 0);
}

TEST(StopSignals, TheGuardRestoresThePreviousHandler) {
  const Comm comm;
  struct sigaction custom {}, saved {};
  custom.sa_handler = custom_handler;
  sigemptyset(&custom.sa_mask);
  ASSERT_EQ(sigaction(SIGUSR1, &custom, &saved), 0);
  { const StopSignalGuard guard; }
  g_custom_calls = 0;
  std::raise(SIGUSR1);
  EXPECT_EQ(g_custom_calls, 1);
  EXPECT_EQ(stop_requested(comm), 0);
  sigaction(SIGUSR1, &saved, nullptr);
}

TEST(StopSignals, OneGuardAtATime) {
  const StopSignalGuard guard;
  EXPECT_THROW(StopSignalGuard{}, std::logic_error);
}

TEST(StopSignals, SignalNames) {
  EXPECT_STREQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_STREQ(signal_name(SIGUSR1), "SIGUSR1");
}

}  // namespace
}  // namespace las
