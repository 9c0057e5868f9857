// SPDX-License-Identifier: BSD-3-Clause
// Arrays of items (trajectories, samples) distributed over ranks by their first index:
// one float64 dataset [items][item_shape...] to which each rank writes, collectively, the
// contiguous items it owns; and numeric root attributes for the generator's parameters.
#pragma once

#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/io/output_file.hpp"

namespace las::io {

/// Collective: creates the float64 dataset `name` (intermediate groups are created) of
/// shape [total_items][item_shape...], to be filled by write_items(). Throws las::Error on
/// every rank when it exists already or HDF5 fails.
void create_items(OutputFile& out, const std::string& name, long long total_items,
                  const std::vector<long long>& item_shape);

/// Collective (every rank calls it the same number of times; a rank may pass no values):
/// writes items [first, first + n) of the dataset made by create_items(), row-major in
/// `values` (n whole items). Ranks' ranges must not overlap. Throws las::Error on every
/// rank when a range does not fit the dataset or HDF5 fails.
void write_items(OutputFile& out, const std::string& name, long long first,
                 const std::vector<double>& values);

/// A block of items read back: the dataset's full shape and the requested values.
struct ItemBlock {
  std::vector<long long> shape;  ///< [total_items][item_shape...]
  std::vector<double> values;    ///< items [first, first + count), row-major
};

/// Collective: reads items [first, first + count) of the float64 dataset `dataset` (each
/// rank its own range, possibly empty). Every rank throws the same InputError naming file
/// and dataset when it is missing, a scalar, or the range lies outside it.
ItemBlock read_items(const Comm& comm, const std::string& file, const std::string& dataset, long long first,
                     long long count);

/// Collective, same value on every rank: a scalar float64 attribute on the root group
/// (h5py reads it as a float). Throws las::Error on every rank on failure.
void set_real_attribute(OutputFile& out, const std::string& name, double value);
/// Collective, same value on every rank: a scalar int64 attribute on the root group.
void set_integer_attribute(OutputFile& out, const std::string& name, long long value);

}  // namespace las::io
