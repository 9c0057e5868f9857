// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/box_grid.hpp"

#include <sstream>

#include "solvers/core/error.hpp"

namespace las {

void BoxGrid::block_range(long long n, int p, int c, int& count, long long& first) {
  const long long base = n / p;
  const long long extra = n % p;
  count = static_cast<int>(base + (c < extra ? 1 : 0));
  first = c * base + (c < extra ? c : extra);
}

namespace {

MPI_Comm make_cartesian(const Comm& comm, int dim, const std::array<long long, 3>& global,
                        std::array<int, 3>& procs) {
  static const char* axis_name = "xyz";
  for (int a = 0; a < 3; ++a) {
    if (a >= dim) {
      LAS_CHECK(procs[a] <= 1, "a " << dim << "D grid cannot split axis " << axis_name[a]);
      procs[a] = 1;
    }
  }
  // MPI_Dims_create fills the zero entries with a balanced factorisation.
  int dims[3] = {procs[0], procs[1], procs[2]};
  const int rc = MPI_Dims_create(comm.size(), dim, dims);
  if (rc != MPI_SUCCESS || static_cast<long long>(dims[0]) * dims[1] * (dim == 3 ? dims[2] : 1) != comm.size())
    throw ConfigError("BoxGrid: rank grid " + std::to_string(procs[0]) + "x" +
                      std::to_string(procs[1]) + "x" + std::to_string(procs[2]) +
                      " does not multiply to " + std::to_string(comm.size()) + " ranks");
  for (int a = 0; a < dim; ++a) {
    procs[a] = dims[a];
    if (global[a] < procs[a])
      throw ConfigError("BoxGrid: " + std::to_string(global[a]) + " cells along " +
                        std::string(1, axis_name[a]) + " cannot be split over " +
                        std::to_string(procs[a]) + " ranks (every rank needs at least one)");
  }
  // Reverse the axes for MPI so that x varies fastest with rank, like the storage.
  int rdims[3] = {procs[2], procs[1], procs[0]};
  int periods[3] = {0, 0, 0};
  MPI_Comm cart = MPI_COMM_NULL;
  MPI_Cart_create(comm.get(), 3, rdims, periods, /*reorder=*/0, &cart);
  return cart;
}

}  // namespace

BoxGrid::BoxGrid(const Comm& comm, int dim, std::array<long long, 3> global,
                 std::array<int, 3> procs)
    : dim_(dim), cart_(Comm::adopt([&] {
        if (dim != 2 && dim != 3)
          throw ConfigError("BoxGrid: dimension must be 2 or 3, got " + std::to_string(dim));
        if (dim == 2) global[2] = 1;
        for (int a = 0; a < 3; ++a)
          if (global[a] < 1)
            throw ConfigError("BoxGrid: grid size along axis " + std::to_string(a) +
                              " must be >= 1, got " + std::to_string(global[a]));
        return make_cartesian(comm, dim, global, procs);
      }())) {
  global_ = global;
  if (dim == 2) global_[2] = 1;
  procs_ = procs;
  int rcoords[3];
  MPI_Cart_coords(cart_.get(), cart_.rank(), 3, rcoords);
  coords_ = {rcoords[2], rcoords[1], rcoords[0]};
  for (int a = 0; a < 3; ++a) {
    block_range(global_[a], procs_[a], coords_[a], local_[a], offset_[a]);
    int lo = MPI_PROC_NULL, hi = MPI_PROC_NULL;
    MPI_Cart_shift(cart_.get(), 2 - a, 1, &lo, &hi);
    neighbors_[a] = {lo, hi};
  }
}

std::string BoxGrid::description() const {
  std::ostringstream os;
  os << global_[0] << "x" << global_[1];
  if (dim_ == 3) os << "x" << global_[2];
  os << " on " << procs_[0] << "x" << procs_[1];
  if (dim_ == 3) os << "x" << procs_[2];
  os << " ranks";
  return os.str();
}

}  // namespace las
