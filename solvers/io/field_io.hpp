// SPDX-License-Identifier: BSD-3-Clause
// Grid fields in parallel HDF5: one global dataset per field, [nz][ny][nx] (2D:
// [ny][nx]), so x is fastest in the file as in memory. Any rank count can read what
// any rank count wrote.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/io/output_file.hpp"

namespace las::io {

/// Collective over the grid's ranks (the file must be open on the same ranks).
/// Writes `field` (this rank's cells of `grid`, x fastest) as the float64 dataset
/// `name` (intermediate groups are created: "fields/u" works) of shape [nz][ny][nx]
/// (2D: [ny][nx]), each rank its own hyperslab, collective MPI-IO. Throws las::Error
/// on every rank when the field does not match the grid, the dataset exists already
/// or HDF5 fails.
void write_field(OutputFile& out, const BoxGrid& grid, const std::string& name,
                 const DistVector& field);

/// Collective over the grid's ranks: reads dataset `dataset` of `file` as a field on
/// `grid` (the writer's decomposition and rank count do not matter). Every rank
/// throws the same one-line InputError naming file and dataset when the file or
/// dataset is missing, the dataset's rank or shape does not fit the grid (expected
/// and found shapes are given), or a value is NaN/Inf (the first bad global index in
/// file order is named).
DistVector read_field(const BoxGrid& grid, const std::string& file, const std::string& dataset);

/// Collective over `comm`: reads the global box [lo, lo + count) of a 2D or 3D
/// dataset; `lo` and `count` are (x, y, z) cell indices like BoxGrid's offset and
/// extent (a 2D dataset takes lo[2] == 0, count[2] == 1). Boxes may differ per rank,
/// overlap (halos) or be empty; they must lie inside the dataset (the caller clips a
/// halo at the domain boundary). Returns count[0]*count[1]*count[2] values, x fastest.
/// Errors as read_field, plus a box outside the dataset's extent.
std::vector<double> read_block(const Comm& comm, const std::string& file,
                               const std::string& dataset, const std::array<long long, 3>& lo,
                               const std::array<long long, 3>& count);

}  // namespace las::io
