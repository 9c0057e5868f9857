// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/output_paths.hpp"

#include <filesystem>

#include "solvers/core/error.hpp"

namespace las::app {

void check_output_dir(const Comm& comm, const std::string& path, const std::string& what) {
  if (path.empty()) return;
  const auto dir = std::filesystem::path(path).parent_path();
  const bool ok = dir.empty() || std::filesystem::is_directory(dir);
  if (comm.any(!ok)) {
    throw InputError(path + ": cannot write " + what + ": directory '" + dir.string() + "' does not exist");
  }
}

}  // namespace las::app
