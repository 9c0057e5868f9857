// SPDX-License-Identifier: BSD-3-Clause
// Internal: the HDF5 building blocks shared by las::io's readers and writers
// (property lists, collective open with agreed errors, path checks, attributes).
#pragma once

#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/io/detail/hdf5_handle.hpp"

namespace las::io::detail {

/// File access list: MPI-IO driver on `comm`, HDF5 1.8 object format (large attributes).
H5Handle make_file_access(const Comm& comm);
/// Dataset transfer list selecting collective MPI-IO.
H5Handle make_collective_transfer();
/// Link creation list that creates missing intermediate groups ("a/b/c").
H5Handle make_link_creation();

/// "/name" for "name" or "/name": the absolute HDF5 path of an object under the root.
std::string absolute_object_path(const std::string& name);
/// "file:/object" as every message names a dataset or group.
std::string describe(const std::string& file, const std::string& object);

/// Collective: opens `file` read-only with MPI-IO. Every rank throws the same
/// InputError when it is missing, not an HDF5 file or cannot be opened.
H5Handle open_for_read(const Comm& comm, const std::string& file);

/// Creates group `path` (absolute) in `file`, with any missing intermediate groups.
/// Invalid handle on an HDF5 failure (errors silenced; the caller agrees across ranks).
H5Handle create_group(hid_t file, const std::string& path);

/// Collective: opens the existing group `path` (absolute) of an open file; every rank
/// throws the same InputError "<where>: no such group" / "<where>: not a group".
H5Handle open_group(const Comm& comm, hid_t file, const std::string& path, const std::string& where);

/// True when every component of `path` (absolute, or relative to `loc`) exists; no
/// HDF5 error on a missing intermediate group, unlike H5Lexists on the whole path.
bool path_exists(hid_t loc, const std::string& path);

/// The extents of a dataset's simple dataspace, slowest first; empty on failure.
std::vector<hsize_t> dataset_shape(hid_t dataset);
/// "[3][4][5]" for messages.
std::string format_shape(const std::vector<hsize_t>& shape);

/// Writes a scalar fixed-length string attribute (all ranks, same value).
/// Returns false on an HDF5 failure.
bool write_string_attribute(hid_t object, const std::string& name, const std::string& value);
/// Reads a scalar string attribute (fixed- or variable-length); false when absent or
/// not a string.
bool read_string_attribute(hid_t object, const std::string& name, std::string& value);
/// Writes a scalar int64 attribute (all ranks, same value); false on failure.
bool write_int64_attribute(hid_t object, const std::string& name, long long value);
/// Reads a scalar integer attribute; false when absent or not an integer.
bool read_int64_attribute(hid_t object, const std::string& name, long long& value);

}  // namespace las::io::detail
