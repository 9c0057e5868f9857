// SPDX-License-Identifier: BSD-3-Clause
#include "apps/dcdm_train/training_check.hpp"

#include <sstream>

#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#include "solvers/sequences/grid_fields.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::dcdm_train_app {
namespace {

// Entry (i, j, k) is a pure function of (seed, global index), so any rank count sees
// the same right-hand side.
DistVector random_rhs(const BoxGrid& grid, std::uint64_t seed) {
  const auto& n = grid.global_extent();
  return sequences::field_from_indices(
      grid,
      [&](long long i, long long j, long long k) {
        learning::Rng rng(sequences::instance_seed(seed, (k * n[1] + j) * n[0] + i));
        return sequences::standard_normal(rng);
      },
      "las::training_check_rhs");
}

}  // namespace

std::string TrainingCheck::summary() const {
  std::ostringstream s;
  s << "check on the training operator, rtol " << rtol << ": DCDM " << dcdm_iterations << " iterations ("
    << dcdm_reason << "), CG " << cg_iterations << " (" << cg_reason << ")";
  return s.str();
}

nlohmann::json TrainingCheck::json() const {
  return {{"rtol", rtol},
          {"dcdm_iterations", dcdm_iterations},
          {"dcdm_reason", dcdm_reason},
          {"cg_iterations", cg_iterations},
          {"cg_reason", cg_reason}};
}

TrainingCheck check_trained_network(const BoxGrid& grid, const StencilOperator& op, const nn::DcdmNetwork& network,
                                    double rtol, std::uint64_t seed) {
  const DistVector b = random_rhs(grid, seed);
  TrainingCheck check;
  check.rtol = rtol;

  const nn::NetworkPreconditioner net(grid, network);
  DcdmOptions dcdm;
  dcdm.rtol = rtol;
  dcdm.max_iterations = 1000;
  DistVector x = op.create_vector();
  const SolveReport learned = solve_dcdm(op, net, b, x, dcdm);
  check.dcdm_iterations = learned.iterations;
  check.dcdm_reason = to_string(learned.reason);

  CgOptions cg;
  cg.rtol = rtol;
  DistVector y = op.create_vector();
  const SolveReport plain = solve_cg(op, b, y, cg);
  check.cg_iterations = plain.iterations;
  check.cg_reason = to_string(plain.reason);
  return check;
}

}  // namespace las::dcdm_train_app
