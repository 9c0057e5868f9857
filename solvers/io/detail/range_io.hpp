// SPDX-License-Identifier: BSD-3-Clause
// Collective reads and writes of index ranges of 1D datasets: each rank its own
// [offset, offset + count), agreeing on failure so no rank is left in a collective call.
#pragma once

#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"

namespace las::io::detail {

// Selects [offset, offset + count) of a 1D dataset (or nothing) for a collective call.
inline bool select_range(hid_t dataset, long long offset, long long count, H5Handle& file_space,
                  H5Handle& mem_space) {
  file_space = H5Handle(H5Dget_space(dataset), H5Sclose);
  const hsize_t mem_extent = count > 0 ? static_cast<hsize_t>(count) : 1;
  mem_space = H5Handle(H5Screate_simple(1, &mem_extent, nullptr), H5Sclose);
  if (!file_space.valid() || !mem_space.valid()) return false;
  if (count == 0) {
    return H5Sselect_none(file_space.get()) >= 0 && H5Sselect_none(mem_space.get()) >= 0;
  }
  const hsize_t start = static_cast<hsize_t>(offset);
  const hsize_t n = static_cast<hsize_t>(count);
  return H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr) >= 0;
}

// Collective: creates the 1D dataset `name` of `length` in `group` and writes `data`
// at [offset, offset + data.size()). False on this rank's HDF5 failure.
template <class T>
bool write_range(const Comm& comm, hid_t group, const char* name, hid_t file_type, hid_t mem_type,
                 long long length, long long offset, const std::vector<T>& data) {
  H5ErrorSilencer quiet;
  const hsize_t extent = static_cast<hsize_t>(length);
  H5Handle space(H5Screate_simple(1, &extent, nullptr), H5Sclose);
  H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (dcpl.valid()) H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_NEVER);
  H5Handle dset(space.valid() && dcpl.valid()
                    ? H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, dcpl.get(),
                                 H5P_DEFAULT)
                    : -1,
                H5Dclose);
  H5Handle file_space, mem_space;
  H5Handle dxpl = make_collective_transfer();
  bool ok = dset.valid() && dxpl.valid() &&
            select_range(dset.get(), offset, static_cast<long long>(data.size()), file_space,
                         mem_space);
  if (comm.any(!ok)) return false;  // all or none enter the collective write
  const T dummy{};
  return H5Dwrite(dset.get(), mem_type, mem_space.get(), file_space.get(), dxpl.get(),
                  data.empty() ? &dummy : data.data()) >= 0;
}

// Collective: reads [offset, offset + count) of a 1D dataset.
template <class T>
bool read_range(const Comm& comm, hid_t dataset, hid_t mem_type, long long offset,
                long long count, std::vector<T>& data) {
  H5ErrorSilencer quiet;
  data.assign(static_cast<size_t>(count), T{});
  H5Handle file_space, mem_space;
  H5Handle dxpl = make_collective_transfer();
  const bool selected = dxpl.valid() && select_range(dataset, offset, count, file_space, mem_space);
  if (comm.any(!selected)) return false;  // all or none enter the collective read
  T dummy{};
  return H5Dread(dataset, mem_type, mem_space.get(), file_space.get(), dxpl.get(),
                 count > 0 ? data.data() : &dummy) >= 0;
}

// Opens a 1D dataset `group/name`, agreeing on errors; returns it and its length.
inline H5Handle open_vector(const Comm& comm, hid_t group, const std::string& where, const char* name,
                     long long& length) {
  const std::string path = where + "/" + name;
  const bool exists = path_exists(group, name);
  throw_if_any(comm, !exists, path + ": no such dataset");
  H5ErrorSilencer quiet;
  H5Handle dset(H5Dopen2(group, name, H5P_DEFAULT), H5Dclose);
  throw_if_any(comm, !dset.valid(), path + ": not a dataset");
  const std::vector<hsize_t> shape = dataset_shape(dset.get());
  throw_if_any(comm, shape.size() != 1,
                       path + ": expected a 1D dataset, found shape " + format_shape(shape));
  length = static_cast<long long>(shape[0]);
  return dset;
}

}  // namespace las::io::detail
