// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/app_runner.hpp"

#include <mpi.h>

#include <Kokkos_Core.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <thread>

namespace las::app {
namespace {

// Seconds the failing ranks wait for the others to fail too before aborting.
constexpr double kAgreementSeconds = 10.0;

// True when every rank of `comm` reached this call within the time limit. Uses a
// non-blocking barrier on a communicator reserved for errors, so it can never match
// a collective the app had in flight on another communicator.
bool all_ranks_failed(MPI_Comm comm) {
  MPI_Request req;
  MPI_Ibarrier(comm, &req);
  const auto start = std::chrono::steady_clock::now();
  int done = 0;
  while (!done) {
    MPI_Test(&req, &done, MPI_STATUS_IGNORE);
    if (done) break;
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > kAgreementSeconds)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace

int run(int argc, char** argv, const std::string& name,
        const std::function<int(int&, char**&)>& body) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm error_comm;
  MPI_Comm_dup(MPI_COMM_WORLD, &error_comm);
  int code = 0;
  std::string error;
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    try {
      code = body(argc, argv);
    } catch (const std::exception& e) {
      error = e.what();
    } catch (...) {
      error = "unknown exception";
    }
    if (!error.empty()) {
      if (all_ranks_failed(error_comm)) {
        if (rank == 0) std::fprintf(stderr, "%s: error: %s\n", name.c_str(), error.c_str());
        code = 1;
      } else {
        std::fprintf(stderr, "%s: error on rank %d: %s\n", name.c_str(), rank, error.c_str());
        std::fflush(stderr);
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
    }
  }
  MPI_Comm_free(&error_comm);
  MPI_Finalize();
  return code;
}

}  // namespace las::app
