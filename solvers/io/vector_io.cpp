// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/vector_io.hpp"

#include <cmath>
#include <vector>

#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"
#include "solvers/io/detail/range_io.hpp"

namespace las::io {
namespace {

using detail::ErrorKind;
using detail::H5Handle;

// Opens (creating where missing) the parent group of `path` = "/a/b/leaf".
H5Handle open_parent_group(hid_t file, const std::string& path, std::string& leaf) {
  const auto slash = path.find_last_of('/');
  leaf = path.substr(slash + 1);
  const std::string parent = slash == 0 ? "/" : path.substr(0, slash);
  // The root group has no link of its own: H5Lexists cannot see it.
  if (parent == "/" || detail::path_exists(file, parent)) {
    detail::H5ErrorSilencer quiet;
    return H5Handle(H5Gopen2(file, parent.c_str(), H5P_DEFAULT), H5Gclose);
  }
  return detail::create_group(file, parent);
}

}  // namespace

void write_vector(OutputFile& out, const std::string& name, const DistVector& v) {
  const Comm& comm = out.comm();
  const std::string where = detail::describe(out.path(), name);
  const std::string path = detail::absolute_object_path(name);
  detail::throw_if_any(comm, detail::path_exists(out.hdf5_id(), path), where + ": dataset exists already",
                       ErrorKind::general);
  auto host = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  const std::vector<double> data(host.data(), host.data() + host.extent(0));
  std::string leaf;
  H5Handle group = open_parent_group(out.hdf5_id(), path, leaf);
  bool ok = !comm.any(!group.valid()) &&
            detail::write_range(comm, group.get(), leaf.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                v.global_size(), v.offset(), data);
  detail::throw_if_any(comm, !ok, where + ": writing the vector failed", ErrorKind::general);
}

DistVector read_vector(const Comm& comm, const std::string& file, const std::string& dataset,
                       long long local_rows, long long offset) {
  const std::string where = detail::describe(file, dataset);
  H5Handle h5 = detail::open_for_read(comm, file);
  const std::string path = detail::absolute_object_path(dataset);
  const auto slash = path.find_last_of('/');
  const std::string parent = slash == 0 ? "/" : path.substr(0, slash);
  H5Handle group = detail::open_group(comm, h5.get(), parent, where);
  long long length = 0;
  H5Handle dset = detail::open_vector(comm, group.get(), detail::describe(file, parent),
                                      path.substr(slash + 1).c_str(), length);
  const long long expected = comm.sum(local_rows);
  detail::throw_if_any(comm, length != expected,
                       where + ": expected " + std::to_string(expected) + " entries, found " +
                           std::to_string(length));
  std::vector<double> data;
  const bool ok = detail::read_range(comm, dset.get(), H5T_NATIVE_DOUBLE, offset, local_rows, data);
  detail::throw_if_any(comm, !ok, where + ": reading failed");
  long long bad = -1;
  for (size_t i = 0; bad < 0 && i < data.size(); ++i) {
    if (!std::isfinite(data[i])) bad = offset + static_cast<long long>(i);
  }
  detail::throw_if_any(comm, bad >= 0, where + ": non-finite value at entry " + std::to_string(bad),
                       ErrorKind::input, bad < 0 ? 0 : bad);
  DistVector v(comm, local_rows, "las::read_vector");
  auto host = Kokkos::create_mirror_view(v.view());
  for (size_t i = 0; i < data.size(); ++i) host(i) = data[i];
  Kokkos::deep_copy(v.view(), host);
  return v;
}

}  // namespace las::io
