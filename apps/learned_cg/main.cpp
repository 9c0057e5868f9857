// SPDX-License-Identifier: BSD-3-Clause
// las_learned_cg — the learned CG side by side with its anchors: DCDM and flexible CG
// driven by a trained network, plain and Jacobi CG, PETSc CG with ICC and with GAMG,
// on one system, each solved once to the smallest rtol; plus the network's forward
// pass against this machine's FP32 FMA peak measured in the same run.
//
// Sample runs:
//   las_learned_cg inputs/learned_cg/default.yaml
//   mpiexec -n 2 las_learned_cg inputs/learned_cg/bench_64.yaml --report out/lcg64.json
//   las_learned_cg inputs/learned_cg/inclusions_1000.yaml output.directory=out
//   las_learned_cg inputs/learned_cg/default.yaml methods=dcdm,cg model=my_model.h5
//   las_learned_cg --keys        (every deck key with its default)
#include <filesystem>
#include <optional>

#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/report_json.hpp"
#include "apps/common/plot_script.hpp"
#include "apps/learned_cg/learned_cg_report.hpp"
#include "apps/learned_cg/learned_cg_schema.hpp"
#include "apps/learned_cg/learned_cg_system.hpp"
#include "apps/learned_cg/method_runs.hpp"
#include "apps/learned_cg/network_throughput.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/io/text_output.hpp"
#include "solvers/nn/network_io.hpp"
#include "solvers/nn/network_preconditioner.hpp"
#ifdef LAS_HAVE_PETSC
#include "solvers/anchors/petsc_anchor.hpp"
#endif

namespace las::learned_cg {
namespace {

constexpr const char* kName = "las_learned_cg";
constexpr const char* kNetworkGroup = "network";  // where DcdmTrainer::write_model puts it

// The deck's model, checked against the grid: every failure is one line naming `model`.
nn::DcdmNetwork load_model(const Comm& comm, const config::Deck& deck, int grid_dim) {
  const std::string file = deck.get_string("model");
  if (comm.any(!std::filesystem::is_regular_file(file))) deck.fail("model", "no such file");
  std::optional<nn::DcdmNetwork> network;
  try {
    network.emplace(nn::read_network(comm, file, kNetworkGroup));
  } catch (const InputError& e) {
    deck.fail("model", e.what());
  }
  const int dim = network->architecture().dim;
  if (dim != grid_dim)
    deck.fail("model", "the network is " + std::to_string(dim) + "D but grid.dim = " + std::to_string(grid_dim));
  return std::move(*network);
}

void write_history(const Comm& comm, const config::Deck& deck, const std::vector<MethodResult>& results) {
  const std::string directory = deck.get_string("output.directory");
  if (directory.empty()) return;
  const std::string csv = (std::filesystem::path(directory) / "learned_cg_history.csv").string();
  io::write_text_atomically(comm, csv, history_csv(results));
  log::info(comm, "wrote " + csv);
  if (deck.get_bool("output.plot")) {
    const std::string png = (std::filesystem::path(directory) / "learned_cg_residuals.png").string();
    app::run_plot_script(comm, LAS_LEARNED_CG_PLOT_INSTALLED, LAS_LEARNED_CG_PLOT_SOURCE, csv, png);
  }
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName,
      "Learned CG (DCDM, network-preconditioned flexible CG) against CG, Jacobi-PCG and PETSc ICC/GAMG.",
      schema, comm.rank());
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  app::check_output_dir(comm, args.report, "the report");
  app::check_output_directory(comm, deck, "output.directory");
  const std::vector<std::string> methods = parse_methods(deck);
  const MethodSettings settings = method_settings(deck);
  const std::vector<double> rtols = deck.get_real_list("rtols");
  app::log_startup(comm, kName, deck);

#ifdef LAS_HAVE_PETSC
  std::optional<PetscSession> petsc;
  if (needs_petsc(methods)) petsc.emplace(comm);
#endif
  // Everything that can be wrong with the inputs is found here, before any solve.
  const LearnedCgSystem sys = build_system(comm, deck, needs_petsc(methods));
  log::info(comm, "problem: " + sys.description);
  std::optional<nn::DcdmNetwork> network;
  std::optional<nn::NetworkPreconditioner> net;
  if (needs_network(methods)) {
    network.emplace(load_model(comm, deck, sys.grid->dim()));
    try {
      net.emplace(*sys.grid, *network);
    } catch (const InputError& e) {
      deck.fail("grid.n", e.what());
    }
    log::info(comm, "model: " + deck.get_string("model") + ", " + network->architecture().description());
  }

  std::vector<MethodResult> results;
  for (const auto& m : methods) {
    results.push_back(run_method(m, sys, net ? &*net : nullptr, settings));
    const SolveReport& r = results.back().report;
    log::info(comm, results.back().label + ": " + std::to_string(r.iterations) + " iterations, " +
                        std::to_string(r.solve_seconds) + " s, " + to_string(r.reason));
  }
  log::info(comm, comparison_table(results, rtols));

  std::optional<ForwardThroughput> throughput;
  const int passes = static_cast<int>(deck.get_int("throughput.passes"));
  if (network && passes > 0) {
    throughput = measure_forward_throughput(*sys.grid, *network, sys.b, passes);
    log::info(comm, describe(*throughput));
  }

  write_history(comm, deck, results);
  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report.update({{"problem", sys.description},
                   {"global_rows", sys.grid->global_cells()},
                   {"model", network ? deck.get_string("model") : std::string()}});
    report.update(comparison_json(results, rtols));
    if (throughput) report["forward_pass"] = to_json(*throughput);
    report["output_directory"] = deck.get_string("output.directory");
    app::write_report(comm, args.report, report);
  }
  bool ok = true;
  for (const auto& r : results) ok = ok && r.report.converged();
  if (!ok) log::warn(comm, "a method did not converge (see the reason column)");
  return ok ? 0 : 2;
}

}  // namespace
}  // namespace las::learned_cg

int main(int argc, char** argv) {
  return las::app::run(argc, argv, las::learned_cg::kName, las::learned_cg::run);
}
