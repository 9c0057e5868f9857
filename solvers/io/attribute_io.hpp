// SPDX-License-Identifier: BSD-3-Clause
// Reading the root attributes that every las output file carries.
#pragma once

#include <optional>
#include <string>

#include "solvers/core/comm.hpp"

namespace las::io {

/// Collective: the string attribute `name` of the root group of `file` (e.g.
/// "las_version", "config"). Every rank throws the same InputError when the file is
/// missing or unreadable or has no such string attribute.
std::string read_root_attribute(const Comm& comm, const std::string& file, const std::string& name);

/// Collective: the numeric attribute `name` of the root group of `file`, as written by
/// h5py (`f.attrs["context"] = 0.3`: a float or integer scalar) or as a string holding a
/// number; empty when the root group has no such attribute. Every rank throws the same
/// InputError when the file cannot be opened or the attribute is not a number.
std::optional<double> read_root_number(const Comm& comm, const std::string& file, const std::string& name);

}  // namespace las::io
