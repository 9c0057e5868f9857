// SPDX-License-Identifier: BSD-3-Clause
// Uses an installed las through find_package(las): a BoxGrid, two DistVectors and a
// global dot product checked against its closed form. Exit code 0 only when every check
// passes on every rank.
#include <mpi.h>

#include <Kokkos_Core.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/comm.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/core/version.hpp"
#include "solvers/krylov/cg.hpp"

namespace {

int run() {
  const las::Comm world(MPI_COMM_WORLD);
  const std::array<long long, 3> global{64, 48, 1};
  const las::BoxGrid grid(world, 2, global);
  const las::Comm& comm = grid.comm();

  bool ok = true;
  auto check = [&](bool cond, const char* what) {
    if (!cond) {
      std::fprintf(stderr, "las_consumer: rank %d: check failed: %s\n", comm.rank(), what);
      ok = false;
    }
  };

  check(grid.global_cells() == global[0] * global[1], "global cell count");
  check(comm.sum(grid.local_cells()) == grid.global_cells(), "cells owned add up");

  // x_i = i + 1 over the global index i, y = 1: x.y = N(N+1)/2 and x.x = N(N+1)(2N+1)/6,
  // both exact in double for N = 3072, whatever the decomposition.
  las::DistVector x(comm, grid.local_cells(), "consumer::x");
  las::DistVector y = x.similar("consumer::y");
  las::fill(y, 1.0);
  {
    auto xv = x.view();
    const long long offset = x.offset();
    Kokkos::parallel_for(
        "las_consumer::init", Kokkos::RangePolicy<las::kernels::ExecSpace>(0, xv.extent(0)),
        KOKKOS_LAMBDA(const std::int64_t i) { xv(i) = static_cast<double>(offset + i + 1); });
    Kokkos::fence();
  }
  const double n = static_cast<double>(x.global_size());
  check(x.global_size() == grid.global_cells(), "vector global size");

  const double xy = las::dot(x, y);
  const double xx = las::dot(x, x);
  const double xy_expected = n * (n + 1.0) / 2.0;
  const double xx_expected = n * (n + 1.0) * (2.0 * n + 1.0) / 6.0;
  check(xy == xy_expected, "dot(x, y) == N(N+1)/2");
  check(std::abs(xx - xx_expected) <= 1e-14 * xx_expected, "dot(x, x) == N(N+1)(2N+1)/6");

  // las::krylov links and resolves.
  auto* cg = &las::solve_cg;
  check(cg != nullptr, "las::solve_cg is linked");

  const bool all_ok = !comm.any(!ok);
  if (comm.is_root()) {
    std::printf("las_consumer: las %s, grid %s, %d rank(s): dot(x,y) = %.17g (expected %.17g), "
                "dot(x,x) = %.17g (expected %.17g): %s\n",
                las::version_string, grid.description().c_str(), comm.size(), xy, xy_expected,
                xx, xx_expected, all_ok ? "OK" : "FAILED");
  }
  return all_ok ? 0 : 1;
}

}  // namespace

int main(int argc, char* argv[]) {
  MPI_Init(&argc, &argv);
  Kokkos::initialize(argc, argv);
  int rc = 1;
  try {
    rc = run();  // every las object is destroyed before Kokkos and MPI shut down
  } catch (const std::exception& e) {
    std::fprintf(stderr, "las_consumer: error: %s\n", e.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  Kokkos::finalize();
  MPI_Finalize();
  return rc;
}
