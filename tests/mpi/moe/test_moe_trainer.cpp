// SPDX-License-Identifier: BSD-3-Clause
// The MoE trainer (issue 8) on the shipped small diffusion–sorption and Navier–Stokes sets
// with a tiny FNO:
//  - data parallel: the weights at this rank count equal those of a serial trainer on
//    MPI_COMM_SELF (the oracle) bit for bit, the losses to round-off, for PI-SC and
//    PI-HC-MoE;
//  - a restart from a mid-run checkpoint reproduces the uninterrupted run bit for bit, and
//    so does one from the checkpoint a stop signal (SIGUSR1 on one rank) leaves;
//  - a checkpoint of another configuration is refused, naming the setting;
//  - a few steps lower the loss, and evaluation reports one error per test sample;
//  - the data-weight ablation adds w · mean (u - u_ref)² of the model's own prediction,
//    and a checkpoint written with another data weight is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <numeric>

#include <mpi.h>
#include <unistd.h>

#include "solvers/core/error.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/moe/train/moe_trainer.hpp"

namespace las::moe {
namespace {

const std::string kData = LAS_SOURCE_DIR "/inputs/pde_data/small_diffusion_sorption.h5";
const std::string kNavierStokesData = LAS_SOURCE_DIR "/inputs/pde_data/moe_navier_stokes.h5";

// The trainer's input: the set with its physics (default constraint options).
MoeReferenceSet read_set(const Comm& comm, const std::string& file, long long first, long long count) {
  return to_reference_set(read_diffusion_sorption_set(comm, file, first, count), {});
}

std::string temp_file(const Comm& comm, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path();
  return comm.broadcast((dir / ("las_moe_train_" + std::to_string(::getpid()) + "_" + name)).string());
}

MoeTrainingOptions tiny(ModelVariant variant) {
  MoeTrainingOptions o;
  o.variant = variant;
  o.network.layers = 2;
  o.network.modes = 4;
  o.network.width = 8;
  o.network.fc_width = 16;
  o.network.out_channels = 8;
  o.split = {1, 2};
  o.sampled_points = 200;
  o.batch = 2;
  o.steps = 4;
  o.log_every = 1;
  o.lm.max_iterations = 50;
  return o;
}

std::vector<double> losses(const MoeTrainer& t) {
  std::vector<double> out;
  for (const auto& h : t.history()) out.push_back(h.loss);
  return out;
}

// Restoring `file` into `trainer` must fail with an InputError that names `setting`.
void expect_refused(MoeTrainer& trainer, const std::string& file, const std::string& setting) {
  try {
    trainer.restore(file);
    FAIL() << "restored a checkpoint written with another " << setting;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(setting), std::string::npos) << e.what();
  }
}

// Each PDE with the soft and the per-expert hard constraint.
struct Case {
  bool navier_stokes;
  ModelVariant variant;
};

class MoeTrainerTest : public ::testing::TestWithParam<Case> {
 protected:
  static MoeTrainingOptions options() {
    MoeTrainingOptions o = tiny(GetParam().variant);
    if (GetParam().navier_stokes) {
      o.split = {1, 2, 2};
      o.lm.initial_coefficient = 0;  // the authors' NS start
    }
    return o;
  }
  static MoeReferenceSet reference(const Comm& comm, long long first, long long count) {
    return GetParam().navier_stokes ? to_reference_set(read_navier_stokes_set(comm, kNavierStokesData, first, count))
                                    : read_set(comm, kData, first, count);
  }
};

TEST_P(MoeTrainerTest, RanksGiveTheSerialLossesToRoundOff) {
  const Comm world;
  const Comm self(MPI_COMM_SELF);
  MoeTrainer parallel(world, reference(world, 0, 4), options());
  MoeTrainer serial(self, reference(self, 0, 4), options());
  parallel.train();
  serial.train();
  const auto p = losses(parallel), s = losses(serial);
  ASSERT_EQ(p.size(), 4u);
  ASSERT_EQ(p.size(), s.size());
  for (size_t i = 0; i < p.size(); ++i) {
    ASSERT_TRUE(std::isfinite(s[i])) << "step " << i + 1;
    // The logged loss sums float64 terms over ranks in another order: round-off.
    EXPECT_NEAR(p[i], s[i], 1e-12 * std::abs(s[i])) << "step " << i + 1;
  }
  // Per-sample float32 gradients summed in float64: with a batch of 2 each of 2 ranks
  // holds one sample and a + b == b + a, so the weights and Adam's state are the serial
  // ones bit for bit after every step.
  EXPECT_EQ(parallel.state_vector(), serial.state_vector());
}

TEST_P(MoeTrainerTest, RestartReproducesTheRunBitForBit) {
  const Comm comm;
  const auto data = reference(comm, 0, 4);
  MoeTrainer whole(comm, data, options());
  whole.train();
  MoeTrainingOptions o = options();
  o.checkpoint_every = 2;
  o.checkpoint_file = temp_file(comm, "restart.h5");
  MoeTrainer killed(comm, data, o);
  killed.train(3);  // checkpointed at step 2, "killed" at 3
  MoeTrainer again(comm, data, o);
  again.restore(o.checkpoint_file);
  EXPECT_EQ(again.step(), 2);
  again.train();
  EXPECT_EQ(again.state_vector(), whole.state_vector());
  EXPECT_EQ(losses(again), losses(whole));
  if (comm.is_root()) std::filesystem::remove(o.checkpoint_file);
}

TEST_P(MoeTrainerTest, AStopSignalCheckpointsAndTheRestartContinuesTheRun) {
  const Comm comm;
  const auto data = reference(comm, 0, 4);
  MoeTrainingOptions o = options();
  o.log_every = 2;  // the stop falls between two log entries: their partial sums travel too
  MoeTrainer whole(comm, data, o);
  whole.train();
  o.checkpoint_file = temp_file(comm, "stopped.h5");  // no periodic checkpoints: only the stop's
  MoeTrainer stopped(comm, data, o);
  {
    const StopSignalGuard guard;
    if (comm.rank() == comm.size() - 1) std::raise(SIGUSR1);  // as a scheduler would, before step 1
    EXPECT_EQ(stopped.train(), 1);
  }
  EXPECT_EQ(stopped.stopped_by(), SIGUSR1);
  MoeTrainer again(comm, data, o);
  again.restore(o.checkpoint_file);
  EXPECT_EQ(again.step(), 1);
  again.train();
  EXPECT_EQ(again.stopped_by(), 0);
  EXPECT_EQ(again.state_vector(), whole.state_vector());
  EXPECT_EQ(losses(again), losses(whole));
  if (comm.is_root()) std::filesystem::remove(o.checkpoint_file);
}

TEST_P(MoeTrainerTest, TrainingLowersTheLossAndEvaluates) {
  const Comm comm;
  MoeTrainingOptions o = options();
  // Each step's loss is that of its random batch; the mean of the last four against that of
  // the first four sees through the sample-to-sample spread (larger for Navier-Stokes).
  o.steps = GetParam().navier_stokes ? 20 : 8;
  MoeTrainer t(comm, reference(comm, 0, 4), o);
  t.train();
  const auto l = losses(t);
  const auto mean_of = [](auto first, auto last) { return std::accumulate(first, last, 0.0) / 4; };
  EXPECT_LT(mean_of(l.end() - 4, l.end()), mean_of(l.begin(), l.begin() + 4));
  const MoeEvaluation e = t.evaluate(reference(comm, 6, 2));
  EXPECT_EQ(e.samples, 2);
  EXPECT_TRUE(std::isfinite(e.mean_error));
  EXPECT_GT(e.mean_error, 0.0);
  EXPECT_GE(e.max_error, e.mean_error);
}

INSTANTIATE_TEST_SUITE_P(PdesAndVariants, MoeTrainerTest,
                         ::testing::Values(Case{false, ModelVariant::SoftConstraint},
                                           Case{false, ModelVariant::HardConstraintMoe},
                                           Case{true, ModelVariant::SoftConstraint},
                                           Case{true, ModelVariant::HardConstraintMoe}),
                         [](const auto& c) {
                           return std::string(c.param.navier_stokes ? "navier_stokes_" : "diffusion_sorption_") +
                                  to_string(c.param.variant);
                         });

TEST(MoeTrainer, RefusesACheckpointOfAnotherConfiguration) {
  const Comm comm;
  const auto data = read_set(comm, kData, 0, 4);
  const std::string file = temp_file(comm, "other.h5");
  MoeTrainer a(comm, data, tiny(ModelVariant::HardConstraintMoe));
  a.write_checkpoint(file);
  MoeTrainingOptions other = tiny(ModelVariant::HardConstraintMoe);
  other.network.width = 12;
  MoeTrainer b(comm, data, other);
  expect_refused(b, file, "width = 8");
  // A Navier-Stokes trainer refuses the diffusion-sorption checkpoint, naming the grid.
  MoeTrainingOptions ns = tiny(ModelVariant::HardConstraintMoe);
  ns.split = {1, 2, 2};
  MoeTrainer c(comm, to_reference_set(read_navier_stokes_set(comm, kNavierStokesData, 0, 4)), ns);
  expect_refused(c, file, "times = 26");
  if (comm.is_root()) std::filesystem::remove(file);
}

TEST(MoeTrainer, SplitMustFitTheGrid) {
  const Comm comm;
  try {
    MoeTrainer t(comm, to_reference_set(read_navier_stokes_set(comm, kNavierStokesData, 0, 2)),
                 tiny(ModelVariant::HardConstraintMoe));  // split {1, 2}: two entries for three axes
    FAIL() << "a 2-entry split was accepted for a (t, y, x) grid";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("moe.split needs 3 entries (t, y, x)"), std::string::npos) << e.what();
  }
}

TEST(MoeTrainer, DataTermIsTheWeightedMisfitOfThePrediction) {
  // One training sample, so every draw of the batch is sample 0; PI-SC, so the
  // prediction does not depend on sampled points. The first history entry is the loss
  // before the first update, i.e. of the prediction made now.
  const Comm comm;
  const auto data = read_set(comm, kData, 0, 1);
  MoeTrainingOptions o = tiny(ModelVariant::SoftConstraint);
  o.steps = 1;
  o.data_weight = 2.5;
  MoeTrainer with_data(comm, data, o);
  const std::vector<double> u = with_data.predict(data, 0);
  const torch::Tensor ref = data.u.select(0, 0).contiguous();
  double sum = 0;
  for (size_t k = 0; k < u.size(); ++k) sum += std::pow(u[k] - ref.data_ptr<double>()[k], 2);
  with_data.train();
  ASSERT_EQ(with_data.history().size(), 1u);
  EXPECT_NEAR(with_data.history()[0].data, o.data_weight * sum / static_cast<double>(u.size()),
              1e-12 * with_data.history()[0].data);

  o.data_weight = 0;
  MoeTrainer physics_only(comm, data, o);
  physics_only.train();
  EXPECT_EQ(physics_only.history()[0].data, 0.0);
  EXPECT_NEAR(with_data.history()[0].loss - physics_only.history()[0].loss, with_data.history()[0].data,
              1e-9 * with_data.history()[0].loss);

  const std::string file = temp_file(comm, "data_weight.h5");
  with_data.write_checkpoint(file);
  expect_refused(physics_only, file, "data_weight");
  if (comm.is_root()) std::filesystem::remove(file);
}

}  // namespace
}  // namespace las::moe
