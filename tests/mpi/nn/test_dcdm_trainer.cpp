// SPDX-License-Identifier: BSD-3-Clause
// The DCDM trainer (issue 3; training runs on one rank, so this test is registered at
// one rank only): the LibTorch operator against StencilOperator, held-out validation,
// bit-for-bit restart (also from the checkpoint a stop signal leaves), the model file,
// and a tiny end-to-end training whose network then drives DCDM to convergence.
#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <limits>

#include <unistd.h>

#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#include "solvers/nn/torch/dcdm_trainer.hpp"

namespace las::nn {
namespace {

std::string temp_file(const Comm& comm, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path();
  return comm.broadcast((dir / ("las_dcdm_train_" + std::to_string(::getpid()) + "_" + name)).string());
}

TrainingOptions tiny_options() {
  TrainingOptions o;
  o.arch = NetworkArchitecture{2, 4, 1, 1, 1};
  o.lanczos.steps = 60;
  o.train_samples = 200;
  o.validation_samples = 32;
  o.batch = 8;
  o.learning_rate = 1e-3;
  o.validate_every = 5;
  o.progress_seconds = 1e9;
  return o;
}

double kappa_field(long long i, long long j, long long) { return 1.0 + 0.5 * std::sin(0.7 * i) * std::cos(0.4 * j); }

TEST(DcdmTrainer, TorchOperatorMatchesStencilOperator) {
  Comm comm;
  const BoxGrid grid(comm, 2, {16, 12, 1});
  for (bool variable : {false, true}) {
    const StencilOperator op = variable ? StencilOperator(grid, kappa_field, 0.5) : StencilOperator(grid, 1.0);
    TrainingOptions o = tiny_options();
    o.lanczos.steps = 10;
    DcdmTrainer trainer(grid, op, o);
    DistVector x = op.create_vector(), y = op.create_vector();
    auto xh = Kokkos::create_mirror_view(x.view());
    std::vector<double> xs(xh.extent(0));
    for (size_t i = 0; i < xs.size(); ++i) xh(i) = xs[i] = std::cos(0.37 * i) + 0.2;
    Kokkos::deep_copy(x.view(), xh);
    op.apply(x, y);
    auto yh = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), y.view());
    const auto yt = trainer.apply_operator(xs);
    double ymax = 0;
    for (size_t i = 0; i < xs.size(); ++i) ymax = std::max(ymax, std::fabs(yh(i)));
    for (size_t i = 0; i < xs.size(); ++i) ASSERT_NEAR(yt[i], yh(i), 1e-5 * ymax) << (variable ? "variable " : "") << i;
  }
}

TEST(DcdmTrainer, RestartIsBitForBitAndValidationIsHeldOut) {
  Comm comm;
  const BoxGrid grid(comm, 2, {16, 16, 1});
  const StencilOperator op(grid, 1.0);
  TrainingOptions o = tiny_options();
  const long long n_steps = 6;
  o.steps = 2 * n_steps;
  o.checkpoint_every = n_steps;
  o.checkpoint_file = temp_file(comm, "ckpt.h5");
  DcdmTrainer straight(grid, op, o);
  straight.train();
  ASSERT_EQ(straight.step(), 2 * n_steps);
  // The checkpoint file now holds step 2N; write the step-N one from a second run.
  TrainingOptions half = o;
  half.checkpoint_file = temp_file(comm, "ckpt_half.h5");
  {
    DcdmTrainer first(grid, op, half);
    first.train(n_steps);
    ASSERT_EQ(first.step(), n_steps);
  }
  const std::string step_n = temp_file(comm, "ckpt_step_n.h5");  // resumed.train() overwrites the original
  if (comm.is_root()) std::filesystem::copy_file(half.checkpoint_file, step_n);
  comm.barrier();
  DcdmTrainer resumed(grid, op, half);
  resumed.restore(half.checkpoint_file);
  EXPECT_EQ(resumed.step(), n_steps);
  resumed.train();
  EXPECT_EQ(resumed.step(), 2 * n_steps);
  const auto a = straight.state_vector(), b = resumed.state_vector();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "entry " << i;  // exact, not near
  ASSERT_EQ(straight.history().size(), resumed.history().size());
  for (size_t i = 1; i < a.size() && i < straight.history().size(); ++i) {
    EXPECT_EQ(straight.history()[i].train, resumed.history()[i].train);
    EXPECT_EQ(straight.history()[i].validation, resumed.history()[i].validation);
  }
  // Batches drew training indices only.
  EXPECT_GE(straight.max_drawn_index(), 0);
  EXPECT_LT(straight.max_drawn_index(), o.train_samples);
  // A checkpoint from other settings is refused with the setting named.
  TrainingOptions other = o;
  other.batch = 4;
  DcdmTrainer wrong(grid, op, other);
  try {
    wrong.restore(half.checkpoint_file);
    FAIL() << "restore accepted another batch size";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("batch"), std::string::npos) << e.what();
  }
  // A checkpoint from before network.levels existed (no setting_levels) is a one-level
  // network's: it resumes where the current one does, and a 2-level run refuses it.
  {
    learning::StateRecord trainer = io::read_state_record(comm, step_n, "trainer");
    const DcdmNetwork network = read_network(comm, step_n, "network");
    ASSERT_EQ(trainer.integers.erase("setting_levels"), 1u);
    io::OutputFile out(comm, step_n, "old checkpoint");
    write_network(out, "network", network);
    io::write_state_record(out, "trainer", trainer);
    out.commit();
  }
  DcdmTrainer old_resumed(grid, op, half);
  old_resumed.restore(step_n);
  EXPECT_EQ(old_resumed.step(), n_steps);
  old_resumed.train();
  const auto c = old_resumed.state_vector();
  ASSERT_EQ(a.size(), c.size());
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], c[i]) << "entry " << i;
  TrainingOptions two_levels = o;
  two_levels.arch.levels = 2;
  DcdmTrainer nested(grid, op, two_levels);
  try {
    nested.restore(step_n);
    FAIL() << "restore accepted a one-level checkpoint for a two-level network";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("levels"), std::string::npos) << e.what();
  }
  std::filesystem::remove(o.checkpoint_file);
  std::filesystem::remove(half.checkpoint_file);
  std::filesystem::remove(step_n);
}

TEST(DcdmTrainer, AStopSignalCheckpointsAndTheRestartContinuesTheRun) {
  Comm comm;
  const BoxGrid grid(comm, 2, {16, 16, 1});
  const StencilOperator op(grid, 1.0);
  TrainingOptions o = tiny_options();
  o.steps = 7;  // validate_every = 5: the stop at step 1 falls inside a loss-log interval
  DcdmTrainer straight(grid, op, o);
  straight.train();
  o.checkpoint_file = temp_file(comm, "stopped.h5");  // no periodic checkpoints: only the stop's
  DcdmTrainer stopped(grid, op, o);
  {
    const StopSignalGuard guard;
    std::raise(SIGTERM);  // as a scheduler would at the wall-time limit, before step 1
    EXPECT_EQ(stopped.train(), 1);
  }
  EXPECT_EQ(stopped.stopped_by(), SIGTERM);
  DcdmTrainer resumed(grid, op, o);
  resumed.restore(o.checkpoint_file);
  EXPECT_EQ(resumed.step(), 1);
  resumed.train();
  EXPECT_EQ(resumed.stopped_by(), 0);
  EXPECT_EQ(resumed.state_vector(), straight.state_vector());
  ASSERT_EQ(resumed.history().size(), straight.history().size());
  for (size_t i = 0; i < straight.history().size(); ++i) {
    const double train = straight.history()[i].train;  // NaN at step 0: nothing trained yet
    if (std::isnan(train))
      EXPECT_TRUE(std::isnan(resumed.history()[i].train)) << "entry " << i;
    else
      EXPECT_EQ(resumed.history()[i].train, train) << "entry " << i;
    EXPECT_EQ(resumed.history()[i].validation, straight.history()[i].validation) << "entry " << i;
  }
  std::filesystem::remove(o.checkpoint_file);
}

TEST(DcdmTrainer, TinyTrainingLowersValidationLossAndDrivesDcdm) {
  Comm comm;
  const BoxGrid grid(comm, 2, {16, 16, 1});
  const StencilOperator op(grid, 1.0);
  TrainingOptions o = tiny_options();
  o.steps = 600;
  o.validate_every = 100;
  DcdmTrainer trainer(grid, op, o);
  const double before = trainer.validation_loss();
  trainer.train();
  const double after = trainer.validation_loss();
  std::cout << "validation loss " << before << " -> " << after << " after " << o.steps << " steps\n";
  EXPECT_LT(after, 0.7 * before);
  EXPECT_EQ(trainer.history().front().validation, before);
  EXPECT_EQ(trainer.history().back().validation, after);

  // The model file round-trips the weights and carries the training record.
  const std::string model = temp_file(comm, "model.h5");
  trainer.write_model(model);
  const DcdmNetwork net = read_network(comm, model, "network");
  const DcdmNetwork direct = trainer.network();
  for (size_t l = 0; l < net.layers().size(); ++l) {
    auto x = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), net.layers()[l].w);
    auto y = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), direct.layers()[l].w);
    for (size_t q = 0; q < x.extent(0); ++q) ASSERT_EQ(x(q), y(q));
  }
  const auto rec = io::read_state_record(comm, model, "training");
  EXPECT_EQ(rec.kind, "las-dcdm-training");
  EXPECT_EQ(rec.integers.at("history_step").size(), trainer.history().size());
  EXPECT_EQ(rec.integers.at("grid_nx").at(0), 16);
  EXPECT_EQ(rec.reals.at("ritz_values").size(), static_cast<size_t>(trainer.basis().count()));
  std::filesystem::remove(model);

  // DCDM with the trained network converges on the training grid (and, for the
  // record, with the untrained initial weights and plain CG).
  DistVector b = op.create_vector(), x = op.create_vector();
  auto bh = Kokkos::create_mirror_view(b.view());
  // A right-hand side of the training distribution that neither split contains.
  make_sample(comm, trainer.basis(), o.recipe, o.train_samples + o.validation_samples + 1, bh.data());
  Kokkos::deep_copy(b.view(), bh);
  DcdmOptions dopt;
  dopt.rtol = 1e-6;
  dopt.max_iterations = 300;
  NetworkPreconditioner trained(grid, net);
  fill(x, 0.0);
  const SolveReport r_trained = solve_dcdm(op, trained, b, x, dopt);
  const DcdmNetwork init = DcdmNetwork::random(o.arch, o.init_seed);
  NetworkPreconditioner untrained(grid, init);
  fill(x, 0.0);
  const SolveReport r_init = solve_dcdm(op, untrained, b, x, dopt);
  CgOptions copt;
  copt.rtol = 1e-6;
  fill(x, 0.0);
  const SolveReport r_cg = solve_cg(op, b, x, copt);
  std::cout << "16x16, rtol 1e-6: DCDM trained " << r_trained.iterations << " iterations (" << to_string(r_trained.reason)
            << ", final relative residual " << r_trained.residual_history.back() / r_trained.residual_history.front()
            << "), untrained "
            << r_init.iterations << " (" << to_string(r_init.reason) << "), CG "
            << r_cg.iterations << "\n";
  EXPECT_TRUE(r_trained.converged());
  EXPECT_LT(r_trained.iterations, 300);
}

}  // namespace
}  // namespace las::nn
