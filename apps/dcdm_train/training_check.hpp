// SPDX-License-Identifier: BSD-3-Clause
// The check las_dcdm_train runs on what it trained: DCDM driven by the network against
// plain CG, same operator, same random right-hand side, same tolerance.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "solvers/core/stencil_operator.hpp"
#include "solvers/nn/dcdm_network.hpp"

namespace las::dcdm_train_app {

struct TrainingCheck {
  double rtol = 0;
  int dcdm_iterations = 0;
  int cg_iterations = 0;
  std::string dcdm_reason;
  std::string cg_reason;
  std::string summary() const;
  nlohmann::json json() const;
};

/// Solves A x = b (b standard normal from `seed`, in global order) to rtol with DCDM
/// (k = 2) and with CG. Collective over grid.comm().
TrainingCheck check_trained_network(const BoxGrid& grid, const StencilOperator& op, const nn::DcdmNetwork& network,
                                    double rtol, std::uint64_t seed);

}  // namespace las::dcdm_train_app
