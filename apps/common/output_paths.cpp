// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/output_paths.hpp"

#include <filesystem>

#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/version.hpp"

namespace las::app {

void check_output_dir(const Comm& comm, const std::string& path, const std::string& what) {
  if (path.empty()) return;
  const auto dir = std::filesystem::path(path).parent_path();
  const bool ok = dir.empty() || std::filesystem::is_directory(dir);
  if (comm.any(!ok)) {
    throw InputError(path + ": cannot write " + what + ": directory '" + dir.string() + "' does not exist");
  }
}

void check_output_directory(const Comm& comm, const config::Deck& deck, const std::string& key) {
  const std::string directory = deck.get_string(key);
  if (!directory.empty() && comm.any(!std::filesystem::is_directory(directory))) {
    deck.fail(key, "'" + directory + "' is not a directory");
  }
}

void log_startup(const Comm& comm, const std::string& app_name, const config::Deck& deck) {
  log::info(comm, app_name + " " + version_string + " on " + std::to_string(comm.size()) + " rank(s), deck " +
                      deck.source() + "\n# resolved configuration\n" + deck.resolved_yaml());
}

}  // namespace las::app
