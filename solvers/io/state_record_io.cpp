// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/state_record_io.hpp"

#include <cstdint>
#include <map>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"

namespace las::io {

namespace {

using detail::ErrorKind;
using detail::H5Handle;
using learning::StateRecord;

// The three typed maps of a record, each stored as one subgroup.
constexpr const char* kReals = "reals";
constexpr const char* kIntegers = "integers";
constexpr const char* kWords = "words";

template <class T>
void describe_fields(std::string& out, const char* group,
                     const std::map<std::string, std::vector<T>>& fields) {
  out += group;
  for (const auto& [name, values] : fields) out += "|" + name + "=" + std::to_string(values.size());
  out += ";";
}

// What every rank's collective HDF5 calls depend on: kind, names, sizes.
std::string structure(const StateRecord& r) {
  std::string s = r.kind + ";";
  describe_fields(s, kReals, r.reals);
  describe_fields(s, kIntegers, r.integers);
  describe_fields(s, kWords, r.words);
  return s;
}

// An HDF5 link name must be non-empty, not "." and without '/' (it would nest groups).
template <class T>
std::string bad_name(const std::map<std::string, std::vector<T>>& fields) {
  for (const auto& entry : fields) {
    const std::string& name = entry.first;
    if (name.empty() || name == "." || name.find('/') != std::string::npos) return "'" + name + "'";
  }
  return {};
}

// Collective: creates the 1D dataset `name` in `group`; rank 0 writes all of `data`,
// the others select nothing. False on this rank's HDF5 failure.
template <class T>
bool write_array(const Comm& comm, hid_t group, const std::string& name, hid_t file_type,
                 hid_t mem_type, const std::vector<T>& data) {
  detail::H5ErrorSilencer quiet;
  const hsize_t extent = static_cast<hsize_t>(data.size());
  const hsize_t mem_extent = extent > 0 ? extent : 1;
  H5Handle space(H5Screate_simple(1, &extent, nullptr), H5Sclose);
  H5Handle dset(space.valid() ? H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                           H5P_DEFAULT, H5P_DEFAULT)
                              : -1,
                H5Dclose);
  H5Handle file_space(dset.valid() ? H5Dget_space(dset.get()) : -1, H5Sclose);
  H5Handle mem_space(H5Screate_simple(1, &mem_extent, nullptr), H5Sclose);
  H5Handle dxpl = detail::make_collective_transfer();
  bool ok = dset.valid() && file_space.valid() && mem_space.valid() && dxpl.valid();
  const bool writes = comm.is_root() && !data.empty();
  if (ok && !writes) {
    ok = H5Sselect_none(file_space.get()) >= 0 && H5Sselect_none(mem_space.get()) >= 0;
  }
  if (comm.any(!ok)) return false;  // all or none enter the collective write
  // An empty array has no storage to write to (a collective write to it fails): the
  // dataset's extent alone records it. Every rank knows the size, so all skip together.
  if (data.empty()) return true;
  const T dummy{};
  return H5Dwrite(dset.get(), mem_type, mem_space.get(), file_space.get(), dxpl.get(),
                  writes ? data.data() : &dummy) >= 0;
}

template <class T>
bool write_fields(const Comm& comm, hid_t parent, const char* group, hid_t file_type,
                  hid_t mem_type, const std::map<std::string, std::vector<T>>& fields) {
  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle g(H5Gcreate2(parent, group, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    ok = g.valid();
    if (comm.any(!ok)) return false;
    for (const auto& [name, values] : fields) {
      ok = write_array(comm, g.get(), name, file_type, mem_type, values);
      if (comm.any(!ok)) return false;
    }
  }
  return ok;
}

// The names of a group's links in name order.
std::vector<std::string> member_names(hid_t group, bool& ok) {
  detail::H5ErrorSilencer quiet;
  std::vector<std::string> names;
  H5G_info_t info;
  ok = H5Gget_info(group, &info) >= 0;
  for (hsize_t i = 0; ok && i < info.nlinks; ++i) {
    const ssize_t length =
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    ok = length >= 0;
    if (!ok) break;
    std::string name(static_cast<size_t>(length) + 1, '\0');
    ok = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                            H5P_DEFAULT) >= 0;
    name.resize(static_cast<size_t>(length));
    names.push_back(name);
  }
  return names;
}

// Collective: every 1D dataset of subgroup `group` of `parent` into `fields`.
template <class T>
void read_fields(const Comm& comm, hid_t parent, const std::string& where, const char* group,
                 H5T_class_t type_class, hid_t mem_type,
                 std::map<std::string, std::vector<T>>& fields) {
  const std::string here = where + "/" + group;
  detail::throw_if_any(comm, !detail::path_exists(parent, group), here + ": no such group");
  H5Handle g;
  {
    detail::H5ErrorSilencer quiet;
    g = H5Handle(H5Gopen2(parent, group, H5P_DEFAULT), H5Gclose);
  }
  detail::throw_if_any(comm, !g.valid(), here + ": not a group");
  bool listed = false;
  const std::vector<std::string> names = member_names(g.get(), listed);
  detail::throw_if_any(comm, !listed, here + ": cannot list its members");
  for (const std::string& name : names) {
    const std::string path = here + "/" + name;
    detail::H5ErrorSilencer quiet;
    H5Handle dset(H5Dopen2(g.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
    detail::throw_if_any(comm, !dset.valid(), path + ": not a dataset");
    const std::vector<hsize_t> shape = detail::dataset_shape(dset.get());
    detail::throw_if_any(
        comm, shape.size() != 1,
        path + ": expected a 1D dataset, found shape " + detail::format_shape(shape));
    H5Handle type(H5Dget_type(dset.get()), H5Tclose);
    detail::throw_if_any(comm, !type.valid() || H5Tget_class(type.get()) != type_class,
                         path + std::string(": expected ") +
                             (type_class == H5T_FLOAT ? "floating-point" : "integer") + " values");
    std::vector<T> values(static_cast<size_t>(shape[0]));
    H5Handle dxpl = detail::make_collective_transfer();
    // Every rank reads the whole (small) array; an empty one has nothing to read.
    const bool ok =
        values.empty() || (dxpl.valid() && H5Dread(dset.get(), mem_type, H5S_ALL, H5S_ALL,
                                                   dxpl.get(), values.data()) >= 0);
    detail::throw_if_any(comm, !ok, path + ": reading failed");
    fields[name] = std::move(values);
  }
}

}  // namespace

void write_state_record(OutputFile& out, const std::string& group, const StateRecord& record) {
  const Comm& comm = out.comm();
  const std::string where = detail::describe(out.path(), group);
  std::string problem;
  const std::string bad =
      bad_name(record.reals) + bad_name(record.integers) + bad_name(record.words);
  if (!bad.empty()) problem = "invalid array name " + bad + " (empty, \".\" or with '/')";
  const std::string shape = structure(record);
  if (problem.empty() && comm.broadcast(shape) != shape) {
    problem = "the ranks' records differ in kind, names or sizes";
  }
  detail::throw_if_any(comm, !problem.empty(), where + ": write_state_record: " + problem,
                       ErrorKind::general);

  const hid_t h5 = out.hdf5_id();
  const std::string path = detail::absolute_object_path(group);
  detail::throw_if_any(comm, detail::path_exists(h5, path), where + ": group exists already",
                       ErrorKind::general);
  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle g = detail::create_group(h5, path);
    ok = g.valid() && detail::write_string_attribute(g.get(), "kind", record.kind);
    ok = !comm.any(!ok) &&
         write_fields(comm, g.get(), kReals, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, record.reals);
    ok = !comm.any(!ok) &&
         write_fields(comm, g.get(), kIntegers, H5T_STD_I64LE, H5T_NATIVE_INT64, record.integers);
    ok = !comm.any(!ok) &&
         write_fields(comm, g.get(), kWords, H5T_STD_U64LE, H5T_NATIVE_UINT64, record.words);
  }
  detail::throw_if_any(comm, !ok, where + ": writing the learner state failed", ErrorKind::general);
}

StateRecord read_state_record(const Comm& comm, const std::string& file, const std::string& group) {
  const std::string where = detail::describe(file, group);
  H5Handle h5 = detail::open_for_read(comm, file);
  const std::string path = detail::absolute_object_path(group);
  H5Handle g = detail::open_group(comm, h5.get(), path, where);
  StateRecord record;
  const bool has_kind = detail::read_string_attribute(g.get(), "kind", record.kind);
  detail::throw_if_any(comm, !has_kind, where + ": missing string attribute 'kind'");
  read_fields(comm, g.get(), where, kReals, H5T_FLOAT, H5T_NATIVE_DOUBLE, record.reals);
  read_fields(comm, g.get(), where, kIntegers, H5T_INTEGER, H5T_NATIVE_INT64, record.integers);
  read_fields(comm, g.get(), where, kWords, H5T_INTEGER, H5T_NATIVE_UINT64, record.words);
  return record;
}

}  // namespace las::io
