// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/field_io.hpp"

#include <mpi.h>

#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"

namespace las::io {

namespace {

using detail::ErrorKind;
using detail::H5Handle;

// Dataset extents (slowest first) of a grid: [nz][ny][nx] or [ny][nx].
std::vector<hsize_t> file_shape(const BoxGrid& grid) {
  const auto& n = grid.global_extent();
  if (grid.dim() == 3) {
    return {static_cast<hsize_t>(n[2]), static_cast<hsize_t>(n[1]), static_cast<hsize_t>(n[0])};
  }
  return {static_cast<hsize_t>(n[1]), static_cast<hsize_t>(n[0])};
}

// (x, y, z) box -> file-order start/count for a dataset of `rank` dimensions.
void to_file_order(int rank, const std::array<long long, 3>& lo, const std::array<long long, 3>& count,
                   std::vector<hsize_t>& start, std::vector<hsize_t>& extent) {
  start.clear();
  extent.clear();
  for (int axis = rank - 1; axis >= 0; --axis) {
    start.push_back(static_cast<hsize_t>(lo[static_cast<size_t>(axis)]));
    extent.push_back(static_cast<hsize_t>(count[static_cast<size_t>(axis)]));
  }
}

// Collective hyperslab read of `start`/`count` (file order) into `values`; false on an
// HDF5 failure on this rank.
bool read_hyperslab(const Comm& comm, hid_t dataset, const std::vector<hsize_t>& start,
                    const std::vector<hsize_t>& count, std::vector<double>& values) {
  detail::H5ErrorSilencer quiet;
  hsize_t n = 1;
  for (hsize_t c : count) n *= c;
  values.assign(static_cast<size_t>(n), 0.0);
  H5Handle file_space(H5Dget_space(dataset), H5Sclose);
  const hsize_t mem_extent = n > 0 ? n : 1;
  H5Handle mem_space(H5Screate_simple(1, &mem_extent, nullptr), H5Sclose);
  H5Handle dxpl = detail::make_collective_transfer();
  bool selected = file_space.valid() && mem_space.valid() && dxpl.valid();
  if (selected && n == 0) {
    selected = H5Sselect_none(file_space.get()) >= 0 && H5Sselect_none(mem_space.get()) >= 0;
  } else if (selected) {
    selected = H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                   count.data(), nullptr) >= 0;
  }
  if (comm.any(!selected)) return false;  // all or none enter the collective read
  double dummy = 0.0;
  return H5Dread(dataset, H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), dxpl.get(),
                 n > 0 ? values.data() : &dummy) >= 0;
}

// Opens `dataset` in `h5` and checks it is a numeric dataset: agreed InputError if not.
H5Handle open_numeric_dataset(const Comm& comm, hid_t h5, const std::string& where,
                              const std::string& dataset) {
  const std::string path = detail::absolute_object_path(dataset);
  const bool exists = detail::path_exists(h5, path);
  detail::throw_if_any(comm, !exists, where + ": no such dataset");
  detail::H5ErrorSilencer quiet;
  H5Handle dset(H5Dopen2(h5, path.c_str(), H5P_DEFAULT), H5Dclose);
  detail::throw_if_any(comm, !dset.valid(), where + ": not a dataset");
  H5Handle type(H5Dget_type(dset.get()), H5Tclose);
  const H5T_class_t cls = type.valid() ? H5Tget_class(type.get()) : H5T_NO_CLASS;
  detail::throw_if_any(comm, cls != H5T_FLOAT && cls != H5T_INTEGER,
                       where + ": not a numeric (float or integer) dataset");
  return dset;
}

// Agreed check that every value read is finite; names the first bad one in file order.
void check_finite(const Comm& comm, const std::string& where, const std::vector<double>& values,
                  int rank, const std::vector<hsize_t>& shape, const std::array<long long, 3>& lo,
                  const std::array<long long, 3>& count) {
  size_t bad = values.size();
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      bad = i;  // local order is file order within the box: the first is the smallest
      break;
    }
  }
  const bool failed = bad < values.size();
  long long key = 0;
  std::string message;
  if (failed) {
    const long long local = static_cast<long long>(bad);
    const long long x = lo[0] + local % count[0];
    const long long y = lo[1] + (local / count[0]) % count[1];
    const long long z = lo[2] + local / (count[0] * count[1]);
    const long long nx = static_cast<long long>(shape.back());
    const long long ny = static_cast<long long>(shape[shape.size() - 2]);
    key = (z * ny + y) * nx + x;
    const double v = values[bad];
    std::ostringstream os;
    os << where << ": non-finite value (" << (std::isnan(v) ? "NaN" : (v > 0 ? "+Inf" : "-Inf"))
       << ") at global index (x=" << x << ", y=" << y;
    if (rank == 3) os << ", z=" << z;
    os << ")";
    message = os.str();
  }
  detail::throw_if_any(comm, failed, message, ErrorKind::input, key);
}

}  // namespace

void write_field(OutputFile& out, const BoxGrid& grid, const std::string& name,
                 const DistVector& field) {
  const Comm& comm = grid.comm();
  int relation = MPI_UNEQUAL;
  MPI_Comm_compare(out.comm().get(), comm.get(), &relation);
  LAS_CHECK(relation != MPI_UNEQUAL,
            out.path() << ": write_field: the grid's ranks are not the file's ranks");
  const std::string where = detail::describe(out.path(), name);
  detail::throw_if_any(comm, field.local_size() != grid.local_cells(),
                       where + ": the vector's local size does not match the grid " +
                           grid.description(),
                       ErrorKind::general);
  const hid_t h5 = out.hdf5_id();
  const std::string path = detail::absolute_object_path(name);
  detail::throw_if_any(comm, detail::path_exists(h5, path), where + ": dataset exists already",
                       ErrorKind::general);

  // Host copy of the owned values (x fastest, as in the file's hyperslab).
  auto host = Kokkos::create_mirror_view(field.view());
  Kokkos::deep_copy(host, field.view());

  const std::vector<hsize_t> shape = file_shape(grid);
  const int rank = static_cast<int>(shape.size());
  std::array<long long, 3> local{grid.local_extent()[0], grid.local_extent()[1],
                                 grid.local_extent()[2]};
  std::vector<hsize_t> start, count;
  to_file_order(rank, grid.offset(), local, start, count);

  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle space(H5Screate_simple(rank, shape.data(), nullptr), H5Sclose);
    H5Handle lcpl = detail::make_link_creation();
    H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    if (dcpl.valid()) H5Pset_fill_time(dcpl.get(), H5D_FILL_TIME_NEVER);
    H5Handle dset(space.valid() && lcpl.valid() && dcpl.valid()
                      ? H5Dcreate2(h5, path.c_str(), H5T_IEEE_F64LE, space.get(), lcpl.get(),
                                   dcpl.get(), H5P_DEFAULT)
                      : -1,
                  H5Dclose);
    // Every rank reaches the collective write (HDF5 needs it), then all agree.
    const hsize_t n = static_cast<hsize_t>(grid.local_cells());
    H5Handle mem_space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    H5Handle file_space(dset.valid() ? H5Dget_space(dset.get()) : -1, H5Sclose);
    H5Handle dxpl = detail::make_collective_transfer();
    ok = dset.valid() && mem_space.valid() && file_space.valid() && dxpl.valid() &&
         H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                             count.data(), nullptr) >= 0;
    if (comm.any(!ok)) {
      ok = false;
    } else {
      ok = H5Dwrite(dset.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), dxpl.get(),
                    host.data()) >= 0;
    }
  }
  detail::throw_if_any(comm, !ok, where + ": writing the dataset failed", ErrorKind::general);
}

DistVector read_field(const BoxGrid& grid, const std::string& file, const std::string& dataset) {
  const Comm& comm = grid.comm();
  const std::string where = detail::describe(file, dataset);
  H5Handle h5 = detail::open_for_read(comm, file);
  H5Handle dset = open_numeric_dataset(comm, h5.get(), where, dataset);

  const std::vector<hsize_t> expected = file_shape(grid);
  const std::vector<hsize_t> found = detail::dataset_shape(dset.get());
  std::string message;
  if (found != expected) {
    std::ostringstream os;
    os << where << ": wrong shape for the grid " << grid.description() << ": expected a "
       << expected.size() << "D dataset " << detail::format_shape(expected) << ", found "
       << found.size() << "D " << detail::format_shape(found);
    message = os.str();
  }
  detail::throw_if_any(comm, found != expected, message);

  const int rank = static_cast<int>(expected.size());
  const std::array<long long, 3> local{grid.local_extent()[0], grid.local_extent()[1],
                                       grid.local_extent()[2]};
  std::vector<hsize_t> start, count;
  to_file_order(rank, grid.offset(), local, start, count);
  std::vector<double> values;
  const bool ok = read_hyperslab(comm, dset.get(), start, count, values);
  detail::throw_if_any(comm, !ok, where + ": reading the dataset failed");
  check_finite(comm, where, values, rank, expected, grid.offset(), local);

  DistVector field(comm, grid.local_cells(), "las::io::field");
  auto host = Kokkos::create_mirror_view(field.view());
  for (size_t i = 0; i < values.size(); ++i) host(i) = values[i];
  Kokkos::deep_copy(field.view(), host);
  return field;
}

std::vector<double> read_block(const Comm& comm, const std::string& file,
                               const std::string& dataset, const std::array<long long, 3>& lo,
                               const std::array<long long, 3>& count) {
  const std::string where = detail::describe(file, dataset);
  H5Handle h5 = detail::open_for_read(comm, file);
  H5Handle dset = open_numeric_dataset(comm, h5.get(), where, dataset);
  const std::vector<hsize_t> shape = detail::dataset_shape(dset.get());
  const int rank = static_cast<int>(shape.size());
  detail::throw_if_any(comm, rank != 2 && rank != 3,
                       where + ": expected a 2D or 3D dataset, found " + std::to_string(rank) +
                           "D " + detail::format_shape(shape));

  // The dataset's extent along x, y, z (a 2D dataset has one layer in z).
  const std::array<long long, 3> extent{
      static_cast<long long>(shape[static_cast<size_t>(rank - 1)]),
      static_cast<long long>(shape[static_cast<size_t>(rank - 2)]),
      rank == 3 ? static_cast<long long>(shape[0]) : 1LL};
  bool inside = true;
  for (size_t a = 0; a < 3; ++a) {
    inside = inside && lo[a] >= 0 && count[a] >= 0 && lo[a] + count[a] <= extent[a];
  }
  std::string message;
  if (!inside) {
    std::ostringstream os;
    os << where << ": requested box x[" << lo[0] << "," << lo[0] + count[0] << ") y[" << lo[1]
       << "," << lo[1] + count[1] << ") z[" << lo[2] << "," << lo[2] + count[2]
       << ") is outside the dataset " << detail::format_shape(shape);
    message = os.str();
  }
  detail::throw_if_any(comm, !inside, message);

  std::vector<hsize_t> start, size;
  to_file_order(rank, lo, count, start, size);
  if (rank == 2 && count[2] == 0) size[0] = 0;  // an empty box along z
  std::vector<double> values;
  const bool ok = read_hyperslab(comm, dset.get(), start, size, values);
  detail::throw_if_any(comm, !ok, where + ": reading the dataset failed");
  check_finite(comm, where, values, rank, shape, lo, count);
  return values;
}

}  // namespace las::io
