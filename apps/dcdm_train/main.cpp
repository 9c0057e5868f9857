// SPDX-License-Identifier: BSD-3-Clause
// las_dcdm_train — trains the DCDM network (Kaneda et al., ICML 2023) with LibTorch on a
// constant-coefficient Poisson operator: Lanczos Ritz vectors weighted toward the low
// spectrum, the scale-invariant loss, Adam, a held-out validation split, checkpoints and
// a bit-for-bit --restart; writes the HDF5 model file that las_learned_cg and the PETSc
// plug-in read. Training runs on one rank.
//
// Sample runs:
//   las_dcdm_train inputs/dcdm_train/poisson3d.yaml
//   las_dcdm_train inputs/dcdm_train/poisson3d.yaml --restart dcdm_checkpoint.h5
//   las_dcdm_train inputs/dcdm_train/ci_tiny.yaml output.model=/tmp/m.h5 --report r.json
//   las_dcdm_train --keys        (every deck key with its default)
#include <chrono>

#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/report_json.hpp"
#include "apps/common/stop_exit.hpp"
#include "apps/dcdm_train/train_schema.hpp"
#include "apps/dcdm_train/training_check.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/stop_signals.hpp"

namespace las::dcdm_train_app {
namespace {

constexpr const char* kName = "las_dcdm_train";

nlohmann::json history_json(const std::vector<nn::LossRecord>& history) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& h : history) rows.push_back({{"step", h.step}, {"train", h.train}, {"validation", h.validation}});
  return rows;
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName, "Trains the DCDM network on a constant-coefficient Poisson operator (one rank).", schema,
      comm.rank(), /*with_restart=*/true);
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  const nn::TrainingOptions options = training_options(deck);
  const int dim = options.arch.dim;
  const long long n = deck.get_int("grid.n");
  const long long pooled = 1LL << options.arch.levels;
  if (n % pooled != 0)
    deck.fail("grid.n", "not a multiple of " + std::to_string(pooled) + " (network.levels = " +
                            std::to_string(options.arch.levels) + " halves it that often)");
  if (comm.size() != 1)
    throw ConfigError("training runs on one rank (got " + std::to_string(comm.size()) +
                      "); the trained model runs at any rank count");
  const std::string model_file = deck.get_string("output.model");
  if (model_file.empty()) deck.fail("output.model", "empty: the model file is the output");
  app::check_output_dir(comm, model_file, "output.model");
  app::check_output_dir(comm, deck.get_string("output.checkpoint"), "output.checkpoint");
  app::check_output_dir(comm, args.report, "the report");
  app::log_startup(comm, kName, deck);

  const BoxGrid grid(comm, dim, {n, n, dim == 3 ? n : 1});
  const StencilOperator op(grid, deck.get_real("operator.kappa"));

  const auto start = std::chrono::steady_clock::now();
  nn::DcdmTrainer trainer(grid, op, options);
  if (!args.restart.empty()) trainer.restore(args.restart);
  {
    const StopSignalGuard stop_signals;  // SIGTERM/SIGUSR1: checkpoint and stop (batch wall time)
    trainer.train();
  }
  if (trainer.stopped_by() != 0)
    return app::stopped_by_signal(comm, kName, trainer.stopped_by(),
                                  "at step " + std::to_string(trainer.step()) + " of " + std::to_string(options.steps),
                                  options.checkpoint_file, "output.checkpoint");
  const double train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  trainer.write_model(model_file);
  log::info(comm, "wrote " + model_file);

  const double rtol = deck.get_real("evaluate.rtol");
  TrainingCheck check;
  if (rtol > 0) {
    check = check_trained_network(grid, op, trainer.network(), rtol,
                                  static_cast<std::uint64_t>(deck.get_int("evaluate.seed")));
    log::info(comm, check.summary());
  }

  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report.update({{"architecture", options.arch.description()},
                   {"parameters", options.arch.parameter_count()},
                   {"ritz_vectors", trainer.basis().count()},
                   {"steps", trainer.step()},
                   {"seconds", train_seconds},
                   {"restarted_from", args.restart},
                   {"validation_loss", trainer.validation_loss()},
                   {"history", history_json(trainer.history())},
                   {"model", model_file}});
    if (rtol > 0) report["evaluation"] = check.json();
    app::write_report(comm, args.report, report);
  }
  return 0;
}

}  // namespace
}  // namespace las::dcdm_train_app

int main(int argc, char** argv) {
  return las::app::run(argc, argv, las::dcdm_train_app::kName, las::dcdm_train_app::run);
}
