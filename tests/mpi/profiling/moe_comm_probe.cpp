// SPDX-License-Identifier: BSD-3-Clause
// Measures the MoE trainer's MPI traffic per training step with the PMPI counters
// (comm_probe.hpp), for the communication-model test: a tiny PI-HC-MoE on the shipped
// diffusion–sorption set, batch 2. A separate probe from comm_count_probe so that only
// this one pays for LibTorch.
//
//   mpiexec -n 2 moe_comm_probe OUT.json
#include <nlohmann/json.hpp>

#include "solvers/moe/train/moe_trainer.hpp"
#include "comm_probe.hpp"

namespace las {
namespace {

const std::string kData = LAS_SOURCE_DIR "/inputs/pde_data/small_diffusion_sorption.h5";

moe::MoeTrainingOptions tiny_training(long long steps) {
  moe::MoeTrainingOptions o;
  o.variant = moe::ModelVariant::HardConstraintMoe;
  o.network.layers = 1;
  o.network.modes = 3;
  o.network.width = 4;
  o.network.fc_width = 8;
  o.network.out_channels = 4;
  o.split = {1, 2};
  o.sampled_points = 40;
  o.batch = 2;
  o.steps = steps;
  o.log_every = 1000;  // one loss record per run (at its last step): cancels in the difference
  return o;
}

nlohmann::json moe_cases(const Comm& comm) {
  const moe::MoeReferenceSet data = moe::to_reference_set(moe::read_diffusion_sorption_set(comm, kData, 0, 2), {});
  long long parameters = 0;
  nlohmann::json measured = probe::measure("moe_training", {}, [&](int steps) {
    moe::MoeTrainer trainer(comm, data, tiny_training(steps));
    parameters = trainer.parameter_count();
    trainer.train();
  });
  measured["params"] = {{"solver", "moe_training"}, {"parameters", parameters}, {"ranks", comm.size()}};
  return nlohmann::json::array({measured});
}

}  // namespace
}  // namespace las

int main(int argc, char** argv) {
  return las::probe::probe_main(argc, argv, "moe_comm_probe", las::moe_cases);
}
