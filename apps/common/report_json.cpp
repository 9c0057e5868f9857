// SPDX-License-Identifier: BSD-3-Clause
#include "apps/common/report_json.hpp"

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

}  // namespace las::app
