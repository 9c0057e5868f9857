// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/report_json.hpp"

#include "apps/common/communication_report.hpp"
#include "solvers/core/version.hpp"
#include "solvers/io/text_output.hpp"

namespace las::app {

nlohmann::json to_json(const SolveReport& r) {
  return {{"method", r.method},
          {"reason", to_string(r.reason)},
          {"converged", r.converged()},
          {"iterations", r.iterations},
          {"rhs_norm", r.rhs_norm},
          {"initial_residual", r.initial_residual},
          {"final_residual", r.final_residual},
          {"true_residual", r.true_residual},
          {"relative_true_residual", r.rhs_norm > 0 ? r.true_residual / r.rhs_norm : r.true_residual},
          {"setup_seconds", r.setup_seconds},
          {"solve_seconds", r.solve_seconds},
          {"seconds_per_iteration", r.seconds_per_iteration()},
          {"residual_history", r.residual_history}};
}

nlohmann::json report_header(const Comm& comm, const std::string& app, const config::Deck& deck) {
  return {{"app", app},
          {"version", version_string},
          {"ranks", comm.size()},
          {"deck", deck.source()},
          {"config", deck.resolved_yaml()}};
}

void write_report(const Comm& comm, const std::string& path, const nlohmann::json& report) {
  nlohmann::json with_traffic = report;
  with_traffic["communication"] = communication_json(comm, report);
  io::write_text_atomically(comm, path, with_traffic.dump(2) + "\n");
}

}  // namespace las::app
