// SPDX-License-Identifier: BSD-3-Clause
// Distributed sparse matrices in parallel HDF5 (a global CSR in one group).
#pragma once

#include <string>

#include "solvers/core/comm.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/io/output_file.hpp"

namespace las::io {

/// Collective over the file's ranks: writes the distributed matrix whose rows this
/// rank holds in `local` as group `group` (intermediate groups are created) with
/// datasets `row_ptr` (int64, global_rows + 1 global offsets), `col_idx` (int64,
/// global column indices) and `values` (float64), and int64 attributes `global_rows`
/// and `global_cols`. Ranks hold consecutive row blocks in rank order (row_offset is
/// the exclusive prefix sum of the local row counts, as `block_rows` gives); each
/// rank writes its piece at offsets from exclusive prefix sums. Throws las::Error on
/// every rank when the pieces are inconsistent, the group exists or HDF5 fails.
void write_csr(OutputFile& out, const std::string& group, const CsrRows& local);

/// Collective: reads a matrix written by write_csr, this rank getting its rows of
/// the `block_rows` distribution (any rank count). Every rank throws the same
/// InputError naming file and object for a missing file/group/dataset/attribute,
/// sizes that disagree (row_ptr length vs global_rows, col_idx vs values vs
/// row_ptr's last entry), a decreasing row_ptr, a column out of range or a
/// non-finite value.
CsrRows read_csr(const Comm& comm, const std::string& file, const std::string& group);

}  // namespace las::io
