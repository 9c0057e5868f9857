// SPDX-License-Identifier: BSD-3-Clause
#include "apps/ot/ot_files.hpp"

#include <cstdio>

#include "apps/common/plot_script.hpp"

namespace las::ot_app {
namespace {

const char* step_name(char s) {
  switch (static_cast<ot::OtStep>(s)) {
    case ot::OtStep::Start: return "start";
    case ot::OtStep::Sinkhorn: return "sinkhorn";
    case ot::OtStep::Newton: return "newton";
    case ot::OtStep::Coarse: return "coarse";
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
  return app::run_plot_script(comm, LAS_OT_PLOT_INSTALLED, LAS_OT_PLOT_SOURCE, csv, png);
}

}  // namespace las::ot_app
