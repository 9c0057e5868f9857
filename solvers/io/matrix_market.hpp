// SPDX-License-Identifier: BSD-3-Clause
// MatrixMarket coordinate files read on rank 0 and distributed by block rows.
#pragma once

#include <string>

#include "solvers/core/comm.hpp"
#include "solvers/core/dist_csr_matrix.hpp"

namespace las::io {

/// Collective. Rank 0 reads and validates the MatrixMarket file `path`
/// (`%%MatrixMarket matrix coordinate real|integer|pattern general|symmetric`,
/// keywords case-insensitive), and every rank receives its rows of the `block_rows`
/// distribution, columns sorted within each row, in global (0-based) indices.
///
/// - `symmetric` files store the lower triangle (an entry above the diagonal is an
///   error); each off-diagonal entry (i, j) is expanded to (i, j) and (j, i).
/// - `pattern` entries get the value 1.
/// - Duplicate entries (the same (i, j) more than once, also after symmetric
///   expansion) are summed, as most MatrixMarket readers do.
/// - Comment lines (`%`) and blank lines are skipped; CRLF line ends are accepted.
///
/// On a bad file every rank throws the same InputError "path:line: reason": missing or
/// malformed banner; unsupported object/format/field/symmetry (vector, array, complex,
/// hermitian, skew-symmetric: the message names it); malformed size line; a
/// non-square symmetric matrix; fewer or more entries than the header says (both
/// numbers given); an entry with the wrong number of fields; a 1-based index out of
/// range (row or column, with the range); a non-numeric, non-integer (integer files),
/// NaN or infinite value. A file that cannot be opened gives "path: cannot open".
CsrRows read_matrix_market(const Comm& comm, const std::string& path);

}  // namespace las::io
