// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/plot_script.hpp"

#include <cstdlib>
#include <filesystem>

#include "solvers/core/log.hpp"

namespace las::app {

bool run_plot_script(const Comm& comm, const std::string& installed, const std::string& source,
                     const std::string& csv, const std::string& png) {
  int status = 0;
  if (comm.is_root()) {
    // The scripts import las_plot.py: installed beside them, or in apps/common in a build.
    const bool is_installed = std::filesystem::exists(installed);
    const std::string script = is_installed ? installed : source;
    const std::string module_dir =
        is_installed ? std::filesystem::path(installed).parent_path().string() : std::string(LAS_PLOT_MODULE_SOURCE_DIR);
    const std::string command = "PYTHONPATH='" + module_dir + "' " + std::string(LAS_PYTHON3) + " '" + script + "' '" +
                                csv + "' '" + png + "'";
    status = std::system(command.c_str());
  }
  if (comm.any(status != 0)) {
    log::warn(comm, "could not draw " + png + " (python3 with matplotlib needed); the CSV " + csv + " has the data");
    return false;
  }
  log::info(comm, "wrote " + png);
  return true;
}

}  // namespace las::app
