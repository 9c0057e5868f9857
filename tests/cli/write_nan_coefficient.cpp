// SPDX-License-Identifier: BSD-3-Clause
// Writes a coefficient field with one NaN (for the bad-input tests): argv[1] is the
// HDF5 file, argv[2] and argv[3] the grid size. Uses las's own writer, so the file has
// exactly the layout las reads.
#include <limits>
#include <string>

#include "apps/common/app_runner.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/field_io.hpp"
#include "solvers/io/output_file.hpp"

int main(int argc, char** argv) {
  return las::app::run(argc, argv, "write_nan_coefficient", [](int& n, char**& args) {
    if (n != 4) throw las::Error("usage: write_nan_coefficient FILE NX NY");
    las::Comm comm;
    las::BoxGrid grid(comm, 2, {std::stoll(args[2]), std::stoll(args[3]), 1});
    las::DistVector kappa(grid.comm(), grid.local_cells());
    las::fill(kappa, 1.0);
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), kappa.view());
    if (grid.comm().is_root()) h(0) = std::numeric_limits<double>::quiet_NaN();
    Kokkos::deep_copy(kappa.view(), h);
    las::io::OutputFile out(grid.comm(), args[1], "bad-input fixture");
    las::io::write_field(out, grid, "kappa", kappa);
    out.commit();
    return 0;
  });
}
