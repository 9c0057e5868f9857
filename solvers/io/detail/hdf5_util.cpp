// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/detail/hdf5_util.hpp"

#include <filesystem>
#include <sstream>

#include "solvers/io/detail/agree.hpp"

namespace las::io::detail {

H5Handle make_file_access(const Comm& comm) {
  H5Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (!fapl.valid()) return fapl;
  H5Pset_fapl_mpio(fapl.get(), comm.get(), MPI_INFO_NULL);
  // The 1.8 object format: attributes larger than 64 KiB (a long config) are stored
  // densely, and readers built on HDF5 1.8 (older ParaView/VisIt) still open the file.
  H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18);
  return fapl;
}

H5Handle make_collective_transfer() {
  H5Handle dxpl(H5Pcreate(H5P_DATASET_XFER), H5Pclose);
  if (dxpl.valid()) H5Pset_dxpl_mpio(dxpl.get(), H5FD_MPIO_COLLECTIVE);
  return dxpl;
}

H5Handle make_link_creation() {
  H5Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
  if (lcpl.valid()) H5Pset_create_intermediate_group(lcpl.get(), 1);
  return lcpl;
}

std::string absolute_object_path(const std::string& name) {
  if (!name.empty() && name.front() == '/') return name;
  return "/" + name;
}

std::string describe(const std::string& file, const std::string& object) {
  return file + ":" + absolute_object_path(object);
}

H5Handle open_for_read(const Comm& comm, const std::string& file) {
  // Rank 0 checks the file first so a missing one gives a clear message everywhere.
  std::string problem;
  if (comm.is_root()) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      problem = file + ": no such file";
    } else if (!std::filesystem::is_regular_file(file, ec)) {
      problem = file + ": not a regular file";
    } else {
      H5ErrorSilencer quiet;
      if (H5Fis_hdf5(file.c_str()) <= 0) problem = file + ": not an HDF5 file";
    }
  }
  problem = comm.broadcast(problem);
  if (!problem.empty()) throw_error(ErrorKind::input, problem);

  H5ErrorSilencer quiet;
  H5Handle fapl = make_file_access(comm);
  H5Handle id(fapl.valid() ? H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl.get()) : -1, H5Fclose);
  throw_if_any(comm, !id.valid(), file + ": cannot open the HDF5 file for reading");
  return id;
}

bool path_exists(hid_t loc, const std::string& path) {
  H5ErrorSilencer quiet;
  // Absolute paths start at the file's root, relative ones at `loc`.
  std::string partial = !path.empty() && path.front() == '/' ? "/" : "";
  std::istringstream parts(path);
  std::string part;
  bool any = false;
  while (std::getline(parts, part, '/')) {
    if (part.empty()) continue;
    if (any && partial.back() != '/') partial += "/";
    partial += part;
    any = true;
    if (H5Lexists(loc, partial.c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return any;
}

std::vector<hsize_t> dataset_shape(hid_t dataset) {
  H5Handle space(H5Dget_space(dataset), H5Sclose);
  if (!space.valid()) return {};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) return {};
  std::vector<hsize_t> dims(static_cast<size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) return {};
  return dims;
}

std::string format_shape(const std::vector<hsize_t>& shape) {
  if (shape.empty()) return "[] (scalar)";
  std::ostringstream os;
  for (hsize_t n : shape) os << "[" << n << "]";
  return os.str();
}

bool write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
  H5ErrorSilencer quiet;
  // Fixed length, NUL-padded; an empty string is stored as one NUL.
  H5Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
  if (!type.valid()) return false;
  if (H5Tset_size(type.get(), value.empty() ? 1 : value.size()) < 0) return false;
  if (H5Tset_strpad(type.get(), H5T_STR_NULLPAD) < 0) return false;
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  if (!space.valid()) return false;
  if (H5Aexists(object, name.c_str()) > 0 && H5Adelete(object, name.c_str()) < 0) return false;
  H5Handle attr(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
  if (!attr.valid()) return false;
  const std::string stored = value.empty() ? std::string(1, '\0') : value;
  return H5Awrite(attr.get(), type.get(), stored.data()) >= 0;
}

bool read_string_attribute(hid_t object, const std::string& name, std::string& value) {
  H5ErrorSilencer quiet;
  if (H5Aexists(object, name.c_str()) <= 0) return false;
  H5Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) return false;
  H5Handle type(H5Aget_type(attr.get()), H5Tclose);
  if (!type.valid() || H5Tget_class(type.get()) != H5T_STRING) return false;
  if (H5Tis_variable_str(type.get()) > 0) {
    H5Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mem.get(), H5T_VARIABLE);
    char* text = nullptr;
    if (H5Aread(attr.get(), mem.get(), &text) < 0) return false;
    value = text != nullptr ? std::string(text) : std::string();
    H5free_memory(text);
    return true;
  }
  const size_t size = H5Tget_size(type.get());
  std::string buffer(size, '\0');
  if (size == 0 || H5Aread(attr.get(), type.get(), buffer.data()) < 0) return false;
  value = buffer.substr(0, buffer.find('\0'));
  return true;
}

bool write_int64_attribute(hid_t object, const std::string& name, long long value) {
  static_assert(sizeof(long long) == 8, "las assumes a 64-bit long long");
  H5ErrorSilencer quiet;
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  if (!space.valid()) return false;
  H5Handle attr(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT,
                           H5P_DEFAULT),
                H5Aclose);
  if (!attr.valid()) return false;
  return H5Awrite(attr.get(), H5T_NATIVE_LLONG, &value) >= 0;
}

bool read_int64_attribute(hid_t object, const std::string& name, long long& value) {
  H5ErrorSilencer quiet;
  if (H5Aexists(object, name.c_str()) <= 0) return false;
  H5Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attr.valid()) return false;
  H5Handle type(H5Aget_type(attr.get()), H5Tclose);
  if (!type.valid() || H5Tget_class(type.get()) != H5T_INTEGER) return false;
  H5Handle space(H5Aget_space(attr.get()), H5Sclose);
  if (!space.valid() || H5Sget_simple_extent_npoints(space.get()) != 1) return false;
  return H5Aread(attr.get(), H5T_NATIVE_LLONG, &value) >= 0;
}

H5Handle create_group(hid_t file, const std::string& path) {
  H5ErrorSilencer quiet;
  H5Handle lcpl = make_link_creation();
  return H5Handle(lcpl.valid() ? H5Gcreate2(file, path.c_str(), lcpl.get(), H5P_DEFAULT, H5P_DEFAULT) : -1,
                  H5Gclose);
}

H5Handle open_group(const Comm& comm, hid_t file, const std::string& path, const std::string& where) {
  // The root group has no link of its own: H5Lexists cannot see it.
  throw_if_any(comm, path != "/" && !path_exists(file, path), where + ": no such group");
  H5Handle g;
  {
    H5ErrorSilencer quiet;
    g = H5Handle(H5Gopen2(file, path.c_str(), H5P_DEFAULT), H5Gclose);
  }
  throw_if_any(comm, !g.valid(), where + ": not a group");
  return g;
}

}  // namespace las::io::detail
