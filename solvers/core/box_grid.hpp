// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <array>
#include <string>

#include "solvers/core/comm.hpp"

namespace las {

/// A 2D or 3D structured grid of cells split into blocks over an MPI Cartesian
/// communicator. Sizes need not divide by the rank count: along each axis the first
/// (n mod p) ranks own one more cell. Axis 0 (x) is fastest in memory. A 2D grid has
/// global_extent[2] == 1. Collective to construct.
class BoxGrid {
 public:
  /// `global` holds nx, ny (, nz); `procs` optionally fixes the rank grid (0 = choose).
  /// Throws ConfigError when a size is < 1 or a rank would own no cell.
  BoxGrid(const Comm& comm, int dim, std::array<long long, 3> global,
          std::array<int, 3> procs = {0, 0, 0});

  int dim() const { return dim_; }
  /// The Cartesian communicator (rank order may differ from the communicator given).
  const Comm& comm() const { return cart_; }
  const std::array<long long, 3>& global_extent() const { return global_; }
  const std::array<int, 3>& local_extent() const { return local_; }
  /// Global index of this rank's first owned cell along each axis.
  const std::array<long long, 3>& offset() const { return offset_; }
  const std::array<int, 3>& proc_dims() const { return procs_; }
  const std::array<int, 3>& proc_coords() const { return coords_; }
  /// Neighbour rank on `side` (0 low, 1 high) of `axis`, or MPI_PROC_NULL.
  int neighbor(int axis, int side) const { return neighbors_[axis][side]; }
  long long local_cells() const { return static_cast<long long>(local_[0]) * local_[1] * local_[2]; }
  long long global_cells() const { return global_[0] * global_[1] * global_[2]; }
  /// "2048x2048 on 2x1 ranks" for logs and reports.
  std::string description() const;

  /// Owned-cell count and first global index along `axis` for proc coordinate `c`.
  static void block_range(long long n, int p, int c, int& count, long long& first);

 private:
  int dim_;
  Comm cart_;
  std::array<long long, 3> global_{1, 1, 1};
  std::array<int, 3> local_{1, 1, 1};
  std::array<long long, 3> offset_{0, 0, 0};
  std::array<int, 3> procs_{1, 1, 1};
  std::array<int, 3> coords_{0, 0, 0};
  std::array<std::array<int, 2>, 3> neighbors_{};
};

}  // namespace las
