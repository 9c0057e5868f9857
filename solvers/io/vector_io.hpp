// SPDX-License-Identifier: BSD-3-Clause
// Distributed vectors (not on a grid) as 1D float64 datasets, in global row order.
#pragma once

#include <string>

#include "solvers/core/dist_vector.hpp"
#include "solvers/io/output_file.hpp"

namespace las::io {

/// Collective: writes `v` as the 1D float64 dataset `name` (intermediate groups are
/// created), each rank its rows [v.offset(), v.offset() + v.local_size()).
void write_vector(OutputFile& out, const std::string& name, const DistVector& v);

/// Collective: reads the 1D float64 dataset `dataset` of `file` into a vector with
/// `local_rows` rows on this rank starting at global row `offset` (ranks in order).
/// Every rank throws the same InputError naming file and dataset when it is missing,
/// not 1D, of another length than the sum of local_rows, or holds a NaN/Inf.
DistVector read_vector(const Comm& comm, const std::string& file, const std::string& dataset,
                       long long local_rows, long long offset);

}  // namespace las::io
