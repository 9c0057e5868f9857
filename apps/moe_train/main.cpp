// SPDX-License-Identifier: BSD-3-Clause
// las_moe_train — trains and evaluates PI-SC, PI-HC or PI-HC-MoE (Chalapathi, Du,
// Krishnapriyan, ICLR 2024) on a diffusion–sorption or Navier–Stokes reference set from
// las_pde_data (its `pde` attribute picks the equation):
// an FNO basis network, the physics imposed exactly per expert by the batched LM layer,
// data parallel over MPI ranks, checkpoints and a bit-for-bit --restart. After training
// it evaluates the relative L2 error on the test range and writes the model file, the
// loss history, the predicted and reference fields of the first test sample and their PNG.
// A model whose steps are all taken is only evaluated (--restart MODEL).
//
// Sample runs:
//   las_moe_train inputs/moe/diffusion_sorption.yaml
//   las_moe_train inputs/moe/diffusion_sorption.yaml model.variant=pi_sc --report r.json
//   las_moe_train inputs/moe/navier_stokes.yaml
//   las_moe_train inputs/moe/diffusion_sorption.yaml --restart moe_out/moe_checkpoint.h5
//   mpiexec -n 2 las_moe_train inputs/moe/ci_tiny.yaml
//   las_moe_train --keys        (every deck key with its default)
#include <memory>
#include <sstream>

#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/plot_script.hpp"
#include "apps/common/report_json.hpp"
#include "apps/common/stop_exit.hpp"
#include "apps/moe_train/moe_schema.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/io/text_output.hpp"
#include "solvers/moe/models/error_anchors.hpp"

namespace las::moe_train_app {
namespace {

constexpr const char* kName = "las_moe_train";

std::string history_csv(const std::vector<moe::MoeLossRecord>& history) {
  std::ostringstream csv;
  csv.precision(10);
  csv << "step,loss,pde,initial,boundary,data,seconds_per_step,lm_failed,skipped\n";
  for (const auto& h : history)
    csv << h.step << "," << h.loss << "," << h.pde << "," << h.initial << "," << h.boundary << "," << h.data << ","
        << h.seconds_per_step << "," << h.lm_failed << "," << h.skipped << "\n";
  return csv.str();
}

// The first test sample, reference and prediction, one row per grid point (row-major, the
// last axis fastest), a column per axis.
std::string fields_csv(const moe::MoeReferenceSet& test, const std::vector<double>& prediction) {
  const moe::MoePhysics& physics = *test.physics;
  const auto axes = physics.axis_names();
  std::vector<std::vector<double>> coordinates;
  for (std::size_t a = 0; a < axes.size(); ++a) coordinates.push_back(physics.coordinates(static_cast<int>(a)));
  const torch::Tensor reference = test.u.select(0, 0).contiguous();
  const double* ref = reference.data_ptr<double>();
  std::ostringstream csv;
  csv.precision(10);
  for (const auto& a : axes) csv << a << ",";
  csv << "reference,prediction\n";
  std::vector<std::size_t> index(axes.size(), 0);
  for (std::size_t k = 0; k < prediction.size(); ++k) {
    for (std::size_t a = 0; a < axes.size(); ++a) csv << coordinates[a][index[a]] << ",";
    csv << ref[k] << "," << prediction[k] << "\n";
    for (std::size_t a = axes.size(); a-- > 0;) {  // next grid point, last axis fastest
      if (++index[a] < coordinates[a].size()) break;
      index[a] = 0;
    }
  }
  return csv.str();
}

nlohmann::json evaluation_json(const moe::MoeEvaluation& e) {
  return {{"samples", e.samples},
          {"relative_l2_mean", e.mean_error},
          {"relative_l2_std", e.std_error},
          {"relative_l2_max", e.max_error},
          {"seconds_per_inference", e.seconds_per_sample},
          {"lm_problems", e.lm_problems},
          {"lm_failed", e.lm_failed},
          {"lm_max_iterations", e.lm_max_iterations}};
}

nlohmann::json anchors_json(const moe::ErrorAnchors& a) {
  return {{"mean_trajectory_relative_l2", a.mean_trajectory_error},
          {"persistence_relative_l2", a.persistence_error},
          {"reference_loss", a.reference_loss},
          {"reference_pde", a.reference_pde},
          {"reference_initial", a.reference_initial},
          {"reference_boundary", a.reference_boundary}};
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName,
      "Trains and evaluates PI-SC, PI-HC or PI-HC-MoE on a diffusion-sorption or Navier-Stokes reference set "
      "(data parallel).",
      schema, comm.rank(), /*with_restart=*/true);
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  const moe::MoeTrainingOptions options = training_options(deck);
  const std::string dir = deck.get_string("output.directory");
  const std::string model_file = deck.get_string("output.model");
  if (model_file.empty()) deck.fail("output.model", "empty: the model file is an output");
  app::check_output_directory(comm, deck, "output.directory");
  app::check_output_dir(comm, model_file, "output.model");
  app::check_output_dir(comm, options.checkpoint_file, "output.checkpoint");
  app::check_output_dir(comm, args.report, "the report");
  const long long train_first = deck.get_int("data.train_first"), train_count = deck.get_int("data.train_count");
  const long long test_first = deck.get_int("data.test_first"), test_count = deck.get_int("data.test_count");
  if (test_first < train_first + train_count && train_first < test_first + test_count)
    deck.fail("data.test_first", "the test range overlaps the training range");
  app::log_startup(comm, kName, deck);

  const std::string data_file = deck.get_string("data.file");
  const moe::DiffusionSorptionConstraintOptions constraints = constraint_options(deck);
  const moe::MoeReferenceSet test = moe::read_moe_reference_set(comm, data_file, test_first, test_count, constraints);
  const moe::MoeReferenceSet train =
      moe::read_moe_reference_set(comm, data_file, train_first, train_count, constraints);
  const auto make_trainer = [&] {
    try {
      return std::make_unique<moe::MoeTrainer>(comm, train, options);
    } catch (const ConfigError& e) {  // a setting that does not fit the data (moe.split)
      throw ConfigError(deck.source() + ": " + e.what());
    }
  };
  const std::unique_ptr<moe::MoeTrainer> trainer_owner = make_trainer();
  moe::MoeTrainer& trainer = *trainer_owner;
  log::info(comm, std::string("moe_train: ") + moe::to_string(options.variant) + ", " +
                      std::to_string(options.experts()) + " expert(s), " +
                      std::to_string(trainer.parameter_count()) + " parameters, " + std::to_string(comm.size()) +
                      " rank(s)");
  if (!args.restart.empty()) trainer.restore(args.restart);
  {
    const StopSignalGuard stop_signals;  // SIGTERM/SIGUSR1: checkpoint and stop (batch wall time)
    trainer.train();
  }
  if (trainer.stopped_by() != 0)
    return app::stopped_by_signal(comm, kName, trainer.stopped_by(),
                                  "at step " + std::to_string(trainer.step()) + " of " + std::to_string(options.steps),
                                  options.checkpoint_file, "output.checkpoint");
  trainer.write_checkpoint(model_file);
  log::info(comm, "wrote " + model_file);

  const moe::MoeEvaluation eval = trainer.evaluate(test);
  std::ostringstream line;
  line << "moe_train: test relative L2 error " << 100 * eval.mean_error << " +- " << 100 * eval.std_error
       << " % (max " << 100 * eval.max_error << " %) over " << eval.samples << " samples; "
       << trainer.mean_seconds_per_step() << " s/step, " << eval.seconds_per_sample << " s/inference";
  log::info(comm, line.str());
  const moe::ErrorAnchors anchors = moe::error_anchors(train, test, options.pde_weight);
  std::ostringstream anchor_line;
  anchor_line << "moe_train: anchors: the mean training trajectory is " << 100 * anchors.mean_trajectory_error
              << " % off, u(t) = u(0) " << 100 * anchors.persistence_error
              << " %; the reference's own physics loss " << anchors.reference_loss << " (pde "
              << anchors.reference_pde << ", initial " << anchors.reference_initial << ", boundary "
              << anchors.reference_boundary << ")";
  log::info(comm, anchor_line.str());
  if (eval.lm_failed > 0)
    log::warn(comm, "moe_train: " + std::to_string(eval.lm_failed) + " of " + std::to_string(eval.lm_problems) +
                        " LM solves did not converge at evaluation (" + eval.lm_first_failure + ")");

  const std::string history_file = dir + "/moe_loss.csv";
  const std::string fields_file = dir + "/moe_fields.csv";
  io::write_text_atomically(comm, history_file, history_csv(trainer.history()));
  const std::vector<double> prediction = trainer.predict(test, 0);  // every rank: the forward is collective-free
  io::write_text_atomically(comm, fields_file, fields_csv(test, prediction));
  std::string png;
  if (deck.get_bool("output.plot")) {
    png = dir + "/moe_fields.png";
    if (!app::run_plot_script(comm, LAS_MOE_PLOT_INSTALLED, LAS_MOE_PLOT_SOURCE, fields_file, png)) png.clear();
  }

  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    nlohmann::json history = nlohmann::json::array();
    for (const auto& h : trainer.history())
      history.push_back({{"step", h.step}, {"loss", h.loss}, {"pde", h.pde}, {"initial", h.initial},
                         {"boundary", h.boundary}, {"data", h.data}, {"seconds_per_step", h.seconds_per_step},
                         {"lm_failed", h.lm_failed}, {"skipped", h.skipped}});
    report.update({{"pde", train.physics->name()},
                   {"variant", moe::to_string(options.variant)},
                   {"experts", options.experts()},
                   {"sampled_points", options.sampled_points},
                   {"parameters", trainer.parameter_count()},
                   {"steps", trainer.step()},
                   {"seconds_per_step", trainer.mean_seconds_per_step()},
                   {"restarted_from", args.restart},
                   {"history", history},
                   {"evaluation", evaluation_json(eval)},
                   {"anchors", anchors_json(anchors)},
                   {"model", model_file},
                   {"loss_csv", history_file},
                   {"fields_csv", fields_file},
                   {"plot", png}});
    app::write_report(comm, args.report, report);
  }
  return 0;
}

}  // namespace
}  // namespace las::moe_train_app

int main(int argc, char** argv) { return las::app::run(argc, argv, las::moe_train_app::kName, las::moe_train_app::run); }
