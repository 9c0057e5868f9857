// SPDX-License-Identifier: BSD-3-Clause
// GoogleTest main for every las test: MPI, then Kokkos, then the tests; finalize in
// reverse. Only rank 0 prints GoogleTest's listener output. The exit code is agreed
// over all ranks, so a failure on any rank fails the CTest run.
#include <gtest/gtest.h>
#include <mpi.h>

#include <Kokkos_Core.hpp>
#include <cstdio>

namespace {

// Ranks other than 0 run silently; a failure seen only there must still be named.
void report_failures(int rank) {
  const auto* unit = ::testing::UnitTest::GetInstance();
  for (int s = 0; s < unit->total_test_suite_count(); ++s) {
    const auto* suite = unit->GetTestSuite(s);
    for (int t = 0; t < suite->total_test_count(); ++t) {
      const auto* info = suite->GetTestInfo(t);
      if (!info->result()->Failed()) continue;
      for (int p = 0; p < info->result()->total_part_count(); ++p) {
        const auto& part = info->result()->GetTestPartResult(p);
        if (part.failed())
          std::fprintf(stderr, "[rank %d] FAILED %s.%s at %s:%d\n%s\n", rank, suite->name(), info->name(),
                       part.file_name() ? part.file_name() : "?", part.line_number(), part.message());
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  int result = 0;
  {
    Kokkos::ScopeGuard kokkos(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    if (rank != 0) {
      auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
    result = RUN_ALL_TESTS();
    if (rank != 0 && result != 0) report_failures(rank);
  }
  int global = 0;
  MPI_Allreduce(&result, &global, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return global;
}
