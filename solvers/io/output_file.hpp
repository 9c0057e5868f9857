// SPDX-License-Identifier: BSD-3-Clause
// Atomic parallel HDF5 output: nothing partial is ever left at the final path.
#pragma once

#include <cstdint>
#include <string>

#include "solvers/core/comm.hpp"

namespace las::io {

/// A parallel HDF5 file being written (collective object: every rank of `comm`
/// constructs, writes, commits and destroys it together). Writes go to a hidden
/// temporary file in the directory of the final path; `commit()` closes it and
/// renames it onto the final path. Destroyed without `commit()` (an exception
/// unwound), it closes and removes the temporary: no partial file is left.
/// Every file carries root attributes `las_version` and `config`.
class OutputFile {
 public:
  /// Collective. Creates the temporary file (name chosen on rank 0 and broadcast)
  /// and writes the root attributes `las_version` (las::version_string) and `config`
  /// (the resolved YAML deck text). Throws las::Error on every rank when the file
  /// cannot be created (e.g. missing directory).
  OutputFile(const Comm& comm, const std::string& path, const std::string& config);
  /// Collective when not committed: closes and removes the temporary. Never throws.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  /// Moves ownership of the open file; `other` is left empty.
  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;

  /// The communicator the file is open on.
  const Comm& comm() const { return comm_; }
  /// The final path (valid after commit()).
  const std::string& path() const { return path_; }
  /// The temporary path being written (same directory as path()).
  const std::string& temporary_path() const { return temporary_; }
  /// True while the file is open for writing (before commit()).
  bool is_open() const { return id_ >= 0; }
  /// HDF5 file identifier (an hid_t: int64_t in HDF5 >= 1.10) for las::io writers.
  /// Throws las::Error when the file is no longer open.
  std::int64_t hdf5_id() const;

  /// Collective, same arguments on every rank: sets (or replaces) a string attribute
  /// on the root group. Throws las::Error on every rank on failure.
  void set_attribute(const std::string& name, const std::string& value);

  /// Collective: closes the file and, after a barrier, renames it onto path() on
  /// rank 0; when it returns, every rank can open path(). Throws las::Error on every
  /// rank when closing or renaming fails (the temporary is then removed).
  void commit();

 private:
  void discard() noexcept;
  Comm comm_;
  std::string path_;
  std::string temporary_;
  std::int64_t id_ = -1;
};

}  // namespace las::io
