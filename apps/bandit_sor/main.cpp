// SPDX-License-Identifier: BSD-3-Clause
// las_bandit_sor — SOR / SSOR-PCG whose ω is learned online over a sequence of linear
// systems (Khodak et al., ICLR 2024), with every fixed ω, the instance optimum, Young's
// ω* and PETSc's PCSOR solved on the same sequence for comparison.
//
// Sample runs:
//   las_bandit_sor inputs/bandit_sor/shifted_laplacian.yaml
//   las_bandit_sor inputs/bandit_sor/heat.yaml heat.nx=50 --report out/heat50.json
//   mpiexec -n 2 las_bandit_sor inputs/bandit_sor/heat.yaml solver.ordering=red_black
//   las_bandit_sor deck.yaml checkpoint.file=run.h5   (killed?)  las_bandit_sor deck.yaml --restart run.h5
//   las_bandit_sor --keys        (every deck key with its default)
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "apps/bandit_sor/bandit_report.hpp"
#include "apps/bandit_sor/bandit_run.hpp"
#include "apps/bandit_sor/bandit_schema.hpp"
#include "apps/bandit_sor/sequence_factory.hpp"
#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/comma_list.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/report_json.hpp"
#include "apps/common/stop_exit.hpp"
#include "apps/common/plot_script.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/core/stop_signals.hpp"
#include "solvers/io/text_output.hpp"
#ifdef LAS_HAVE_PETSC
#include "solvers/anchors/petsc_anchor.hpp"
#endif

namespace las::bandit_sor {
namespace {

constexpr const char* kName = "las_bandit_sor";

SolveSettings solve_settings(const config::Deck& deck) {
  SolveSettings s;
  const std::string method = deck.get_string("solver.method");
  const std::string kind = deck.get_string("sequence.kind");
  s.method = method == "ssor_pcg" || (method == "auto" && kind == "heat") ? Method::SsorPcg : Method::Sor;
  const std::string ordering = deck.get_string("solver.ordering");
  s.ordering = ordering == "red_black"   ? SorOrdering::RedBlack
               : ordering == "multicolor" ? SorOrdering::Multicolor
                                          : SorOrdering::Lexicographic;
  if (kind == "files" && s.ordering == SorOrdering::RedBlack) {
    deck.fail("solver.ordering", "red_black needs a grid sequence; use lexicographic or multicolor for files");
  }
  s.rtol = deck.get_real("solver.rtol");
  s.max_iterations = static_cast<int>(deck.get_int("solver.max_iterations"));
  return s;
}

RunSettings run_settings(const config::Deck& deck, const sequences::LinearSystemSequence& sequence) {
  RunSettings r;
  r.solve = solve_settings(deck);
  const double omega_min = deck.get_real("bandit.omega_min");
  const double omega_max = deck.get_real("bandit.omega_max");
  const int arms = static_cast<int>(deck.get_int("bandit.arms"));
  if (arms > 1 && !(omega_max > omega_min)) deck.fail("bandit.omega_max", "must exceed bandit.omega_min");
  r.learner.arms = learning::omega_grid(omega_min, arms > 1 ? omega_max : omega_min, arms);
  r.learner.seed = static_cast<std::uint64_t>(deck.get_int("bandit.seed"));
  r.learner.bins = static_cast<int>(deck.get_int("bandit.bins"));
  r.learner.chebyshev_degree = static_cast<int>(deck.get_int("bandit.chebyshev_degree"));
  const auto range = deck.get_real_list("bandit.context_range");
  if (!range.empty() && (range.size() != 2 || !(range[1] > range[0]))) {
    deck.fail("bandit.context_range", "must be [min, max] with max > min, or []");
  }
  r.learner.context_min = range.empty() ? sequence.context_min() : range[0];
  r.learner.context_max = range.empty() ? sequence.context_max() : range[1];
  r.policies = app::split_comma_list(deck.get_string("bandit.policies"));
  const auto kinds = learning::policy_kinds();
  for (const auto& p : r.policies) {
    if (std::find(kinds.begin(), kinds.end(), p) == kinds.end()) {
      deck.fail("bandit.policies", "unknown learner '" + p + "'");
    }
  }
  r.feedback_time = deck.get_string("bandit.feedback") == "time";
  r.fixed = deck.get_bool("baselines.fixed");
  r.every = deck.get_int("baselines.every");
  r.young = deck.get_bool("baselines.young");
  r.progress_every = deck.get_int("output.progress_every");
  r.checkpoint_file = deck.get_string("checkpoint.file");
  r.checkpoint_every = deck.get_int("checkpoint.every");
  r.stop_after = deck.get_int("checkpoint.stop_after");
  r.config = deck.resolved_yaml();
  return r;
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName, "SOR / SSOR-PCG with omega learned online over a sequence of linear systems.",
      schema, comm.rank(), /*with_restart=*/true);
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  app::check_output_directory(comm, deck, "output.directory");
  app::check_output_dir(comm, deck.get_string("checkpoint.file"), "checkpoint.file");
  app::check_output_dir(comm, args.report, "the report");
  app::log_startup(comm, kName, deck);

#ifdef LAS_HAVE_PETSC
  const bool use_petsc = deck.get_bool("petsc.enabled");
  std::optional<PetscSession> petsc;
  if (use_petsc) petsc.emplace(comm);
#else
  const bool use_petsc = false;
  if (deck.get_bool("petsc.enabled")) log::warn(comm, "built without PETSc: petsc.enabled ignored");
#endif

  auto sequence = make_sequence(comm, deck);
  const RunSettings settings = run_settings(deck, *sequence);
  log::info(comm, "sequence: " + sequence->description() + "; solver " + to_string(settings.solve.method) + " (" +
                      to_string(settings.solve.ordering) + "), policies " + deck.get_string("bandit.policies"));
  BanditRun bandit(comm, *sequence, settings);
  if (!args.restart.empty()) bandit.restore(args.restart);
  bool complete = false;
  {
    const StopSignalGuard stop_signals;  // SIGTERM/SIGUSR1: checkpoint and stop (batch wall time)
    complete = bandit.run();
  }
  if (bandit.stopped_by() != 0)
    return app::stopped_by_signal(comm, kName, bandit.stopped_by(),
                                  "after instance " + std::to_string(bandit.record().completed()) + " of " +
                                      std::to_string(sequence->length()),
                                  settings.checkpoint_file, "checkpoint.file");
  if (!complete) return 0;  // checkpoint.stop_after, on purpose: the checkpoint holds the state

  const RunRecord& record = bandit.record();
  const Summary summary = summarize(record);
  std::vector<ReplayTotals> petsc_totals;
#ifdef LAS_HAVE_PETSC
  if (use_petsc) {
    std::vector<double> omegas = {1.0};
    if (summary.best_fixed_arm >= 0 && record.arms[static_cast<size_t>(summary.best_fixed_arm)] != 1.0) {
      omegas.push_back(record.arms[static_cast<size_t>(summary.best_fixed_arm)]);
    }
    for (double omega : omegas) {
      auto replay = make_sequence(comm, deck);
      petsc_totals.push_back(replay_with_petsc(*replay, omega, settings.solve));
    }
  }
#else
  (void)use_petsc;
#endif
  log::info(comm, summary_table(record, summary, petsc_totals));

  const std::string directory = deck.get_string("output.directory");
  if (!directory.empty()) {
    const std::string csv = (std::filesystem::path(directory) / "bandit_sor_instances.csv").string();
    io::write_text_atomically(comm, csv, instance_csv(record));
    log::info(comm, "wrote " + csv);
    if (deck.get_bool("output.plot")) {
      app::run_plot_script(comm, LAS_BANDIT_PLOT_INSTALLED, LAS_BANDIT_PLOT_SOURCE, csv,
                           (std::filesystem::path(directory) / "bandit_sor_cumulative.png").string());
    }
  }
  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report.update({{"sequence", sequence->description()},
                   {"method", to_string(settings.solve.method)},
                   {"ordering", to_string(settings.solve.ordering)},
                   {"restarted_from", args.restart}});
    report.update(summary_json(record, summary, petsc_totals));
    app::write_report(comm, args.report, report);
  }
  return 0;
}

}  // namespace
}  // namespace las::bandit_sor

int main(int argc, char** argv) { return las::app::run(argc, argv, las::bandit_sor::kName, las::bandit_sor::run); }
