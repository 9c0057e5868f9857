// SPDX-License-Identifier: BSD-3-Clause
// Checkpoints of an online learner's state (learning::StateRecord) in parallel HDF5.
#pragma once

#include <string>

#include "solvers/core/comm.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/learning/policy.hpp"

namespace las::io {

/// Collective over the file's ranks, every rank holding the same record: writes group
/// `group` (intermediate groups are created) with a string attribute `kind` and
/// subgroups `reals` (float64), `integers` (int64) and `words` (uint64), one 1D
/// dataset per named array. Rank 0 writes the data, the others select nothing, so the
/// values written are rank 0's. Throws las::Error on every rank when the ranks' records
/// differ in kind, names or sizes, a name is empty, "." or contains '/', the group
/// exists already, or HDF5 fails.
void write_state_record(OutputFile& out, const std::string& group,
                        const learning::StateRecord& record);

/// Collective: the record written by write_state_record, identical on every rank.
/// Every rank throws the same InputError naming file and object for a missing file,
/// group, subgroup or `kind` attribute, or a member that is not a 1D dataset of the
/// subgroup's type class.
learning::StateRecord read_state_record(const Comm& comm, const std::string& file,
                                        const std::string& group);

}  // namespace las::io
