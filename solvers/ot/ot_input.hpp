// SPDX-License-Identifier: BSD-3-Clause
// OT problems read from files: weights and points, or a dense cost matrix, from parallel
// HDF5; weights and points from CSV. Every rank reads only its rows of the cost or of
// the row points (the column points and the weights are replicated, as OtProblem keeps
// them). Bad input gives the same InputError on every rank, naming file and dataset.
#pragma once

#include <string>

#include "solvers/ot/ot_problem.hpp"

namespace las::ot {

/// HDF5 file with float64 datasets
///   r [m], c [n]            weights (optional: uniform 1/m, 1/n when absent), and either
///   C [m][n]                a dense cost (rows split over the ranks), or
///   x_points [m][d], y_points [n][d]   points; the cost is `metric` between them.
/// C wins when both are present. Collective.
OtProblem read_hdf5_problem(const Comm& comm, const std::string& file, OtCost metric);

/// Two CSV files, one line per point: "weight,coord_1,...,coord_d" (d >= 1, the same in
/// both files). Blank lines and lines starting with '#' are skipped, and a first line
/// whose first field is not a number is a header. Rank 0 parses; the others receive.
/// Collective.
OtProblem read_csv_problem(const Comm& comm, const std::string& row_file,
                           const std::string& col_file, OtCost metric);

}  // namespace las::ot
