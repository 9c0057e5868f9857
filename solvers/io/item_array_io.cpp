// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/item_array_io.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"

namespace las::io {
namespace {

using detail::ErrorKind;
using detail::H5Handle;

long long product(const std::vector<long long>& extents) {
  return std::accumulate(extents.begin(), extents.end(), 1LL, std::multiplies<>());
}

// Selects items [first, first + count) of a dataset of shape `dims` (or nothing when
// count == 0) and a matching 1D memory space.
bool select_items(hid_t dataset, const std::vector<hsize_t>& dims, long long first, long long count,
                  H5Handle& file_space, H5Handle& mem_space) {
  file_space = H5Handle(H5Dget_space(dataset), H5Sclose);
  long long item_size = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) item_size *= static_cast<long long>(dims[d]);
  const hsize_t mem_extent = count > 0 ? static_cast<hsize_t>(count * item_size) : 1;
  mem_space = H5Handle(H5Screate_simple(1, &mem_extent, nullptr), H5Sclose);
  if (!file_space.valid() || !mem_space.valid()) return false;
  if (count == 0) return H5Sselect_none(file_space.get()) >= 0 && H5Sselect_none(mem_space.get()) >= 0;
  std::vector<hsize_t> start(dims.size(), 0), extent = dims;
  start[0] = static_cast<hsize_t>(first);
  extent[0] = static_cast<hsize_t>(count);
  return H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(),
                             nullptr) >= 0;
}

}  // namespace

void create_items(OutputFile& out, const std::string& name, long long total_items,
                  const std::vector<long long>& item_shape) {
  const Comm& comm = out.comm();
  const std::string where = detail::describe(out.path(), name);
  const std::string path = detail::absolute_object_path(name);
  detail::throw_if_any(comm, total_items < 0 || product(item_shape) <= 0,
                       where + ": bad shape (" + std::to_string(total_items) + " items)", ErrorKind::general);
  detail::throw_if_any(comm, detail::path_exists(out.hdf5_id(), path), where + ": dataset exists already",
                       ErrorKind::general);
  std::vector<hsize_t> dims{static_cast<hsize_t>(total_items)};
  for (long long e : item_shape) dims.push_back(static_cast<hsize_t>(e));
  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
    H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    if (dcpl.valid()) H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_NEVER);
    H5Handle lcpl = detail::make_link_creation();
    H5Handle dset(space.valid() && dcpl.valid() && lcpl.valid()
                      ? H5Dcreate2(out.hdf5_id(), path.c_str(), H5T_IEEE_F64LE, space.get(), lcpl.get(),
                                   dcpl.get(), H5P_DEFAULT)
                      : -1,
                  H5Dclose);
    ok = dset.valid();
  }
  detail::throw_if_any(comm, !ok, where + ": creating the dataset failed", ErrorKind::general);
}

void write_items(OutputFile& out, const std::string& name, long long first,
                 const std::vector<double>& values) {
  const Comm& comm = out.comm();
  const std::string where = detail::describe(out.path(), name);
  const std::string path = detail::absolute_object_path(name);
  H5Handle dset;
  {
    detail::H5ErrorSilencer quiet;
    dset = H5Handle(H5Dopen2(out.hdf5_id(), path.c_str(), H5P_DEFAULT), H5Dclose);
  }
  detail::throw_if_any(comm, !dset.valid(), where + ": no such dataset (create_items first)",
                       ErrorKind::general);
  const std::vector<hsize_t> dims = detail::dataset_shape(dset.get());
  long long item_size = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) item_size *= static_cast<long long>(dims[d]);
  const long long count = static_cast<long long>(values.size()) / std::max(item_size, 1LL);
  const bool fits = !dims.empty() && count * item_size == static_cast<long long>(values.size()) &&
                    first >= 0 && first + count <= static_cast<long long>(dims[0]);
  detail::throw_if_any(comm, !fits,
                       where + ": " + std::to_string(values.size()) + " values from item " +
                           std::to_string(first) + " do not fit its shape " + detail::format_shape(dims),
                       ErrorKind::general);
  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle file_space, mem_space;
    H5Handle dxpl = detail::make_collective_transfer();
    const bool selected = dxpl.valid() && select_items(dset.get(), dims, first, count, file_space, mem_space);
    if (!comm.any(!selected)) {  // all or none enter the collective write
      const double dummy = 0;
      ok = H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), dxpl.get(),
                    values.empty() ? &dummy : values.data()) >= 0;
    }
  }
  detail::throw_if_any(comm, !ok, where + ": writing the items failed", ErrorKind::general);
}

ItemBlock read_items(const Comm& comm, const std::string& file, const std::string& dataset, long long first,
                     long long count) {
  const std::string where = detail::describe(file, dataset);
  H5Handle h5 = detail::open_for_read(comm, file);
  const std::string path = detail::absolute_object_path(dataset);
  detail::throw_if_any(comm, !detail::path_exists(h5.get(), path), where + ": no such dataset");
  H5Handle dset;
  {
    detail::H5ErrorSilencer quiet;
    dset = H5Handle(H5Dopen2(h5.get(), path.c_str(), H5P_DEFAULT), H5Dclose);
  }
  detail::throw_if_any(comm, !dset.valid(), where + ": not a dataset");
  const std::vector<hsize_t> dims = detail::dataset_shape(dset.get());
  detail::throw_if_any(comm, dims.empty(),
                       where + ": expected an array of items, found shape " + detail::format_shape(dims));
  ItemBlock block;
  for (hsize_t e : dims) block.shape.push_back(static_cast<long long>(e));
  detail::throw_if_any(comm, first < 0 || count < 0 || first + count > block.shape[0],
                       where + ": items [" + std::to_string(first) + ", " + std::to_string(first + count) +
                           ") outside its " + std::to_string(block.shape[0]) + " items");
  const long long item_size = product(std::vector<long long>(block.shape.begin() + 1, block.shape.end()));
  block.values.assign(static_cast<std::size_t>(count * item_size), 0.0);
  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle file_space, mem_space;
    H5Handle dxpl = detail::make_collective_transfer();
    const bool selected = dxpl.valid() && select_items(dset.get(), dims, first, count, file_space, mem_space);
    if (!comm.any(!selected)) {
      double dummy = 0;
      ok = H5Dread(dset.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), dxpl.get(),
                   count > 0 ? block.values.data() : &dummy) >= 0;
    }
  }
  detail::throw_if_any(comm, !ok, where + ": reading failed");
  return block;
}

void set_real_attribute(OutputFile& out, const std::string& name, double value) {
  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    const hid_t file = out.hdf5_id();
    H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    if (space.valid() && (H5Aexists(file, name.c_str()) <= 0 || H5Adelete(file, name.c_str()) >= 0)) {
      H5Handle attr(H5Acreate2(file, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    H5Aclose);
      ok = attr.valid() && H5Awrite(attr.get(), H5T_NATIVE_DOUBLE, &value) >= 0;
    }
  }
  detail::throw_if_any(out.comm(), !ok, out.path() + ": cannot write root attribute '" + name + "'",
                       ErrorKind::general);
}

void set_integer_attribute(OutputFile& out, const std::string& name, long long value) {
  const bool ok = detail::write_int64_attribute(out.hdf5_id(), name, value);
  detail::throw_if_any(out.comm(), !ok, out.path() + ": cannot write root attribute '" + name + "'",
                       ErrorKind::general);
}

}  // namespace las::io
