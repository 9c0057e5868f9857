// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <array>

#include "kernels/stencil.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"

namespace las {

/// Face halo exchange for a compactly stored DistVector on a BoxGrid: after
/// `exchange(x)`, `faces()` holds the neighbours' boundary layers of x, and all-zero
/// faces on physical boundaries (homogeneous Dirichlet). Buffers are allocated once.
/// Corner and edge values are not exchanged (5/7-point stencils do not need them).
/// MPI is given device pointers: a GPU build needs a GPU-aware MPI.
class HaloExchange {
 public:
  explicit HaloExchange(const BoxGrid& grid);
  /// Starts sending x's boundary layers (collective with the neighbours).
  void begin(const DistVector& x);
  /// Completes the receives started by begin().
  void end();
  void exchange(const DistVector& x) {
    begin(x);
    end();
  }
  const kernels::GhostFaces& faces() const { return faces_; }
  const kernels::LocalBox& box() const { return box_; }

 private:
  const BoxGrid* grid_;
  kernels::LocalBox box_;
  kernels::GhostFaces faces_;
  std::array<std::array<kernels::Vector, 2>, 3> recv_{};
  std::array<std::array<kernels::Vector, 2>, 3> send_{};
  std::array<MPI_Request, 12> requests_{};
  int pending_ = 0;
};

}  // namespace las
