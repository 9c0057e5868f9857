// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/output_file.hpp"

#include <filesystem>
#include <system_error>
#include <type_traits>
#include <utility>

#include "solvers/core/error.hpp"
#include "solvers/core/version.hpp"
#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"
#include "solvers/io/detail/temporary_path.hpp"

namespace las::io {

static_assert(std::is_same_v<hid_t, std::int64_t>,
              "las::io exposes hid_t as int64_t: HDF5 >= 1.10 is required");

OutputFile::OutputFile(const Comm& comm, const std::string& path, const std::string& config)
    : comm_(comm), path_(path) {
  // Rank 0 picks the temporary name; "E" + reason or "P" + path travels to all.
  std::string message;
  if (comm_.is_root()) {
    try {
      message = "P" + detail::create_temporary_beside(path_);
    } catch (const Error& e) {
      message = std::string("E") + e.what();
    }
  }
  message = comm_.broadcast(message);
  if (message.front() == 'E') throw Error(message.substr(1));
  temporary_ = message.substr(1);

  {
    detail::H5ErrorSilencer quiet;
    detail::H5Handle fapl = detail::make_file_access(comm_);
    const hid_t id =
        fapl.valid() ? H5Fcreate(temporary_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()) : -1;
    id_ = id;
  }
  if (comm_.any(id_ < 0)) {
    if (id_ >= 0) {
      detail::H5ErrorSilencer quiet;
      H5Fclose(id_);
      id_ = -1;
    }
    if (comm_.is_root()) {
      std::error_code ignored;
      std::filesystem::remove(temporary_, ignored);
    }
    comm_.barrier();
    throw Error(path_ + ": cannot create the HDF5 file (temporary '" + temporary_ + "')");
  }
  try {
    set_attribute("las_version", version_string);
    set_attribute("config", config);
  } catch (...) {
    discard();
    throw;
  }
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : comm_(other.comm_),
      path_(std::move(other.path_)),
      temporary_(std::move(other.temporary_)),
      id_(std::exchange(other.id_, -1)) {}

OutputFile::~OutputFile() { discard(); }

void OutputFile::discard() noexcept {
  if (id_ < 0) return;
  try {
    {
      detail::H5ErrorSilencer quiet;
      H5Fclose(id_);  // collective with MPI-IO
    }
    id_ = -1;
    if (comm_.is_root()) {
      std::error_code ignored;
      std::filesystem::remove(temporary_, ignored);
    }
    comm_.barrier();  // the temporary is gone on return, on every rank
  } catch (...) {
    id_ = -1;  // a destructor must not throw; nothing more can be done
  }
}

std::int64_t OutputFile::hdf5_id() const {
  if (id_ < 0) throw Error(path_ + ": the output file is not open (already committed)");
  return id_;
}

void OutputFile::set_attribute(const std::string& name, const std::string& value) {
  const hid_t file = hdf5_id();
  const bool ok = detail::write_string_attribute(file, name, value);
  detail::throw_if_any(comm_, !ok,
                       path_ + ": cannot write root attribute '" + name + "'",
                       detail::ErrorKind::general);
}

void OutputFile::commit() {
  const hid_t file = hdf5_id();
  herr_t status = 0;
  {
    detail::H5ErrorSilencer quiet;
    status = H5Fclose(file);
  }
  id_ = -1;
  if (comm_.any(status < 0)) {
    if (comm_.is_root()) {
      std::error_code ignored;
      std::filesystem::remove(temporary_, ignored);
    }
    comm_.barrier();
    throw Error(path_ + ": closing the HDF5 file failed; no output was written");
  }
  comm_.barrier();  // every rank's data is in the temporary before it becomes final
  std::string problem;
  if (comm_.is_root()) problem = detail::rename_into_place(temporary_, path_);
  problem = comm_.broadcast(problem);  // also: nobody returns before the rename
  if (!problem.empty()) throw Error(problem);
}

}  // namespace las::io
