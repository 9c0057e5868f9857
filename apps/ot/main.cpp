// SPDX-License-Identifier: BSD-3-Clause
// las_ot — entropic optimal transport: Sinkhorn-Newton-Sparse and log-domain Sinkhorn on
// the same problem in the same run, with one comparison table.
//
// Sample runs:
//   las_ot inputs/ot/random_assignment.yaml
//   mpiexec -n 2 las_ot inputs/ot/point_clouds.yaml --report out/ot.json
//   las_ot inputs/ot/random_assignment.yaml problem.n=200 solver.eta=300
//   las_ot inputs/ot/csv_points.yaml output.file=out/ot.h5 output.directory=out
//   las_ot --keys        (every deck key with its default)
#include <filesystem>

#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/report_json.hpp"
#include "apps/ot/ot_comparison.hpp"
#include "apps/ot/ot_density_deck.hpp"
#include "apps/ot/ot_files.hpp"
#include "apps/ot/ot_schema.hpp"
#include "solvers/config/deck.hpp"
#include "solvers/core/log.hpp"
#include "solvers/io/text_output.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/ot/ot_input.hpp"
#include "solvers/ot/ot_output.hpp"
#include "solvers/ot/ot_problems.hpp"

namespace las::ot_app {
namespace {

constexpr const char* kName = "las_ot";

// A required file key: its value, or a deck error naming the key.
std::string required_file(const config::Deck& deck, const std::string& key) {
  const std::string path = deck.get_string(key);
  if (path.empty()) deck.fail(key, "required when problem.kind = " + deck.get_string("problem.kind"));
  return path;
}

ot::OtProblem build_problem(const Comm& comm, const config::Deck& deck) {
  const long long n = deck.get_int("problem.n");
  const auto seed = static_cast<std::uint64_t>(deck.get_int("problem.seed"));
  const std::string kind = deck.get_string("problem.kind");
  if (kind == "random_assignment") return ot::random_assignment(comm, n, seed);
  if (kind == "densities") return build_density_problem(comm, deck);
  if (kind == "hdf5")
    return ot::read_hdf5_problem(comm, required_file(deck, "input.file"),
                                 ot::parse_cost(deck.get_string("problem.cost")));
  if (kind == "csv")
    return ot::read_csv_problem(comm, required_file(deck, "input.row_csv"),
                                required_file(deck, "input.col_csv"),
                                ot::parse_cost(deck.get_string("problem.cost")));
  ot::PointCloudSpec spec;
  spec.n = n;
  spec.seed = seed;
  spec.dim = static_cast<int>(deck.get_int("problem.dim"));
  spec.kind = ot::parse_cloud_kind(deck.get_string("problem.cloud"));
  spec.cost = ot::parse_cost(deck.get_string("problem.cost"));
  spec.components = static_cast<int>(deck.get_int("problem.components"));
  spec.spread = deck.get_real("problem.spread");
  return ot::point_clouds(comm, spec);
}

ot::OtOptions solver_options(const config::Deck& deck) {
  ot::OtOptions o;
  o.eta = deck.get_real("solver.eta");
  o.tol = deck.get_real("solver.tol");
  o.max_iterations = static_cast<int>(deck.get_int("solver.max_iterations"));
  o.max_warmup = static_cast<int>(deck.get_int("sns.max_warmup"));
  o.density = deck.get_real("sns.density");
  o.max_density = deck.get_real("sns.max_density");
  o.cg_rtol = deck.get_real("sns.cg_rtol");
  o.cg_forcing = deck.get_real("sns.cg_forcing");
  o.coarse_correction = deck.get_bool("sns.coarse_correction");
  o.progress_seconds = deck.get_real("output.progress_seconds");
  return o;
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName, "Entropic optimal transport: SNS and log-domain Sinkhorn side by side.",
      schema, comm.rank());
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  app::check_output_dir(comm, args.report, "the report");
  app::check_output_dir(comm, deck.get_string("output.file"), "output.file");
  app::check_output_directory(comm, deck, "output.directory");
  app::log_startup(comm, kName, deck);

  const ot::OtProblem problem = build_problem(comm, deck);
  log::info(comm, "problem: " + deck.get_string("problem.kind") + ", " + problem.description());
  const ot::OtOptions options = solver_options(deck);
  std::vector<ot::OtResult> results;
  results.push_back(ot::solve_sns(problem, options));
  if (deck.get_bool("sinkhorn.enabled")) results.push_back(ot::solve_sinkhorn(problem, options));
  log::info(comm, comparison_table(results));

  const std::string h5 = deck.get_string("output.file");
  if (!h5.empty()) {
    io::OutputFile out(comm, h5, deck.resolved_yaml());
    ot::write_weights(out, problem);
    for (const auto& r : results)
      ot::write_result(out, r.report.method, problem, options.eta, r,
                       deck.get_real("output.plan_threshold"));
    out.commit();
    log::info(comm, "wrote " + h5);
  }
  const std::string directory = deck.get_string("output.directory");
  if (!directory.empty()) {
    const std::string csv = (std::filesystem::path(directory) / "ot_history.csv").string();
    io::write_text_atomically(comm, csv, history_csv(results));
    log::info(comm, "wrote " + csv);
    if (deck.get_bool("output.plot"))
      draw_convergence_plot(comm, csv, (std::filesystem::path(directory) / "ot_convergence.png").string());
  }

  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report.update({{"problem", problem.description()}, {"eta", options.eta}, {"tol", options.tol}});
    report.update(comparison_json(results));
    report["output_file"] = h5;
    report["output_directory"] = directory;
    app::write_report(comm, args.report, report);
  }
  bool ok = true;
  for (const auto& r : results) ok = ok && r.report.converged();
  if (!ok) log::warn(comm, "a solver did not converge (see the reason column)");
  return ok ? 0 : 2;
}

}  // namespace
}  // namespace las::ot_app

int main(int argc, char** argv) { return las::app::run(argc, argv, las::ot_app::kName, las::ot_app::run); }
