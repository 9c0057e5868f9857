// SPDX-License-Identifier: BSD-3-Clause
#include "apps/ot/ot_files.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "solvers/core/log.hpp"

namespace las::ot_app {
namespace {

const char* step_name(char s) {
  switch (static_cast<ot::OtStep>(s)) {
    case ot::OtStep::Start: return "start";
    case ot::OtStep::Sinkhorn: return "sinkhorn";
    case ot::OtStep::Newton: return "newton";
  }
  return "?";
}

}  // namespace

std::string history_csv(const std::vector<ot::OtResult>& results) {
  std::string out = "solver,iteration,seconds,step,marginal_error\n";
  char line[160];
  for (const auto& r : results) {
    const auto& h = r.report.residual_history;
    for (size_t k = 0; k < h.size(); ++k) {
      const double t = k < r.history_seconds.size() ? r.history_seconds[k] : 0.0;
      const char s = k < r.history_steps.size() ? r.history_steps[k] : '?';
      std::snprintf(line, sizeof line, "%s,%zu,%.9e,%s,%.17g\n", r.report.method.c_str(), k, t,
                    step_name(s), h[k]);
      out += line;
    }
  }
  return out;
}

bool draw_convergence_plot(const Comm& comm, const std::string& csv, const std::string& png) {
  int status = 0;
  if (comm.is_root()) {
    const std::string script = std::filesystem::exists(LAS_OT_PLOT_INSTALLED) ? LAS_OT_PLOT_INSTALLED
                                                                             : LAS_OT_PLOT_SOURCE;
    const std::string command =
        std::string(LAS_PYTHON3) + " '" + script + "' '" + csv + "' '" + png + "'";
    status = std::system(command.c_str());
  }
  if (comm.any(status != 0)) {
    log::warn(comm, "could not draw " + png + " (python3 with matplotlib needed); the CSV " + csv +
                        " has the data");
    return false;
  }
  log::info(comm, "wrote " + png);
  return true;
}

}  // namespace las::ot_app
