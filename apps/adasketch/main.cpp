// SPDX-License-Identifier: BSD-3-Clause
// las_adasketch — equality-constrained optimisation with AdaSketch-Newton (Hong, Na,
// Mahoney, Kolar, ICML 2023) on the HS/BT problem set or constrained logistic regression,
// with IPOPT on the same problems (a separate process: ipopt_process.hpp) side by side.
//
// Sample runs:
//   las_adasketch                                   (the whole problem set, Gaussian sketches)
//   las_adasketch inputs/adasketch/ci_small.yaml --report out/adasketch.json
//   las_adasketch inputs/adasketch/logistic_generated.yaml solver.sketch=kaczmarz
//   las_adasketch inputs/adasketch/logistic_libsvm.yaml output.directory=out
//   mpiexec -n 2 las_adasketch inputs/adasketch/ci_small.yaml   (same iterates on every rank)
//   mpiexec -n 2 las_adasketch inputs/adasketch/poisson_control_64.yaml problem.N=128
//                                                   (the PDE-constrained problem, distributed)
//   las_adasketch --keys        (every deck key with its default)
#include <algorithm>
#include <filesystem>

#include "apps/adasketch/adasketch_problems.hpp"
#include "apps/adasketch/adasketch_results.hpp"
#include "apps/adasketch/adasketch_schema.hpp"
#include "apps/adasketch/ipopt_process.hpp"
#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/plot_script.hpp"
#include "apps/common/report_json.hpp"
#include "solvers/config/deck.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/io/text_output.hpp"
#include "solvers/opt/distributed/grid_ada_sketch.hpp"
#include "solvers/opt/problem_set.hpp"

namespace las::adasketch_app {
namespace {

constexpr const char* kName = "las_adasketch";

ProblemSelection problem_selection(const config::Deck& deck) {
  ProblemSelection s;
  s.name = deck.get_string("problem.name");
  s.samples = static_cast<int>(deck.get_int("problem.samples"));
  s.features = static_cast<int>(deck.get_int("problem.features"));
  s.linear_constraints = static_cast<int>(deck.get_int("problem.linear_constraints"));
  s.seed = static_cast<std::uint64_t>(deck.get_int("problem.seed"));
  s.file = deck.get_string("problem.file");
  s.grid = static_cast<int>(deck.get_int("problem.N"));
  bool known = s.name == "all" || s.name == "logistic_generated" || s.name == "logistic_libsvm" ||
               s.name == "poisson_control";
  std::string valid = "all, logistic_generated, logistic_libsvm, poisson_control";
  for (const auto& entry : opt::equality_problem_set()) {
    known = known || entry.name == s.name;
    valid += ", " + entry.name;
  }
  if (!known) deck.fail("problem.name", "unknown problem (valid: " + valid + ")");
  if (s.name == "logistic_generated" && s.linear_constraints >= s.features)
    deck.fail("problem.linear_constraints", "must be below problem.features = " + std::to_string(s.features));
  if (s.name == "logistic_libsvm") {
    if (s.file.empty()) deck.fail("problem.file", "required when problem.name = logistic_libsvm");
    if (!std::filesystem::is_regular_file(s.file)) deck.fail("problem.file", "no such file");
  }
  return s;
}

opt::AdaSketchOptions solver_options(const config::Deck& deck) {
  opt::AdaSketchOptions o;
  o.kkt_tolerance = deck.get_real("solver.kkt_tolerance");
  o.max_iterations = static_cast<int>(deck.get_int("solver.max_iterations"));
  o.delta_floor = deck.get_real("solver.delta_floor");
  o.seed = static_cast<std::uint64_t>(deck.get_int("solver.seed"));
  o.merit_hessian = deck.get_string("solver.merit_hessian") == "objective" ? opt::MeritHessian::Objective
                                                                             : opt::MeritHessian::Lagrangian;
  o.sketch.kind = opt::parse_sketch_kind(deck.get_string("solver.sketch"));
  o.sketch.block_size = static_cast<int>(deck.get_int("solver.block_size"));
  o.sketch.sparse_nonzeros = static_cast<int>(deck.get_int("solver.sparse_nonzeros"));
  o.sketch.max_iterations = deck.get_int("solver.max_inner_iterations");
  opt::validate(o);
  return o;
}

opt::OptResult solve_poisson_control(const Comm& comm, int n, const opt::AdaSketchOptions& options) {
  const BoxGrid grid(comm, 2, {n, n, 1});
  const opt::PoissonControlGrid problem(grid);
  log::info(comm, "poisson_control: " + grid.description() + ", n + m = " + std::to_string(problem.kkt_rows()));
  opt::GridKktVector point = problem.initial_point();
  return opt::grid_ada_sketch_newton(problem, point, options);
}

bool draw_kkt_plot(const Comm& comm, const std::string& csv, const std::string& png) {
  return app::run_plot_script(comm, LAS_ADASKETCH_PLOT_INSTALLED, LAS_ADASKETCH_PLOT_SOURCE, csv, png);
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName,
      "Equality-constrained optimisation: AdaSketch-Newton (randomized sketching) and IPOPT side by side.", schema,
      comm.rank());
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  app::check_output_dir(comm, args.report, "the report");
  app::check_output_directory(comm, deck, "output.directory");
  const ProblemSelection selection = problem_selection(deck);
  const opt::AdaSketchOptions options = solver_options(deck);
  if (selection.name == "poisson_control") {
    try {  // the grid must split over the ranks: fail now, before any output
      const BoxGrid probe(comm, 2, {selection.grid, selection.grid, 1});
    } catch (const ConfigError& e) {
      deck.fail("problem.N", e.what());
    }
  }
  // Every problem is built (and a LIBSVM file read) before any work or output.
  std::vector<SelectedProblem> problems = select_problems(selection);
  app::log_startup(comm, kName, deck);

  // The small problems' optimiser is serial: every rank runs the same deterministic
  // iteration (same seed), so the results do not depend on the number of ranks. The
  // PDE-constrained problem is distributed over the ranks (its sketches are drawn so
  // that the iterates do not depend on the rank count either).
  std::vector<ProblemRun> runs;
  for (const auto& p : problems) {
    ProblemRun r;
    r.name = p.name;
    r.has_f_star = p.has_f_star;
    r.f_star = p.f_star;
    r.las = p.name == "poisson_control" ? solve_poisson_control(comm, selection.grid, options)
                                        : opt::ada_sketch_newton(*p.problem, p.problem->initial_point(),
                                                                 p.initial_lambda, options);
    log::debug(comm, p.name + ": " + r.las.message);
    runs.push_back(std::move(r));
  }
  if (deck.get_bool("ipopt.enabled")) {
    const auto ipopt = run_ipopt_process(comm, selection);
    for (auto& r : runs) {
      const auto found = ipopt.find(r.name);
      if (found == ipopt.end()) continue;
      r.has_ipopt = true;
      r.ipopt = found->second;
    }
  }
  log::info(comm, "AdaSketch-Newton, " + deck.get_string("solver.sketch") + " sketches:\n" + results_table(runs));

  const std::string directory = deck.get_string("output.directory");
  if (!directory.empty()) {
    const std::string csv = (std::filesystem::path(directory) / "adasketch_history.csv").string();
    io::write_text_atomically(comm, csv, history_csv(runs));
    log::info(comm, "wrote " + csv);
    if (deck.get_bool("output.plot"))
      draw_kkt_plot(comm, csv, (std::filesystem::path(directory) / "adasketch_kkt.png").string());
  }
  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report["sketch"] = deck.get_string("solver.sketch");
    report["kkt_tolerance"] = options.kkt_tolerance;
    report.update(results_json(runs));
    report["output_directory"] = directory;
    app::write_report(comm, args.report, report);
  }
  const bool ok = std::all_of(runs.begin(), runs.end(), las_success);
  if (!ok) log::warn(comm, "a problem was not solved (see the reason column)");
  return ok ? 0 : 2;
}

}  // namespace
}  // namespace las::adasketch_app

int main(int argc, char** argv) {
  return las::app::run(argc, argv, las::adasketch_app::kName, las::adasketch_app::run);
}
