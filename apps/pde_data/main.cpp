// SPDX-License-Identifier: BSD-3-Clause
// las_pde_data — reference data sets for the hard-constraint MoE: trajectories of 1D
// diffusion–sorption or 2D Navier–Stokes from seeded random initial conditions, spread
// over the MPI ranks, written to one HDF5 file with the generator's parameters.
//
// Sample runs:
//   las_pde_data inputs/pde_data/ci_small.yaml
//   mpiexec -n 2 las_pde_data inputs/pde_data/diffusion_sorption.yaml output.file=ds_train.h5
//   las_pde_data inputs/pde_data/diffusion_sorption.yaml samples.first=8000 samples.count=1000
//   output.file=ds_test.h5 las_pde_data inputs/pde_data/navier_stokes.yaml samples.count=16 --report ns.json
//   las_pde_data --keys        (every deck key with its default)
#include <nlohmann/json.hpp>
#include <sstream>

#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/report_json.hpp"
#include "apps/pde_data/pde_data_schema.hpp"
#include "solvers/config/deck.hpp"
#include "solvers/core/log.hpp"
#include "solvers/pde/pde_dataset.hpp"

namespace las::pde_data_app {
namespace {

constexpr const char* kName = "las_pde_data";

std::string summary_line(const pde::DatasetSummary& s, const pde::DatasetSpec& spec) {
  std::ostringstream os;
  os << "wrote " << s.trajectories << " " << pde::to_string(spec.kind) << " trajectories (" << s.bytes / 1e6
     << " MB) in " << s.seconds << " s: " << s.seconds_per_trajectory << " s per trajectory, "
     << s.steps_per_trajectory << " steps each";
  if (spec.kind == pde::PdeKind::diffusion_sorption)
    os << ", at most " << s.max_newton_iterations << " Newton iterations a step";
  else
    os << ", max CFL " << s.max_cfl;
  return os.str();
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName,
      "Reference data for the hard-constraint MoE: diffusion-sorption or Navier-Stokes trajectories.", schema,
      comm.rank());
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  const pde::DatasetSpec spec = dataset_spec(deck);
  const std::string file = deck.get_string("output.file");
  app::check_output_dir(comm, args.report, "the report");
  app::check_output_dir(comm, file, "output.file");
  app::log_startup(comm, kName, deck);

  const pde::DatasetSummary summary = pde::write_dataset(comm, spec, file, deck.resolved_yaml());
  log::info(comm, summary_line(summary, spec));
  log::info(comm, "wrote " + file);
  // Heun's advection is stable to a CFL number near 1 but loses accuracy well before.
  if (summary.max_cfl > 0.5)
    log::warn(comm,
              "max CFL number " + std::to_string(summary.max_cfl) + " > 0.5: lower navier_stokes.max_dt");

  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report.update({{"pde", pde::to_string(spec.kind)},
                   {"trajectories", summary.trajectories},
                   {"first_sample", spec.first},
                   {"seed", spec.seed},
                   {"seconds", summary.seconds},
                   {"seconds_per_trajectory", summary.seconds_per_trajectory},
                   {"steps_per_trajectory", summary.steps_per_trajectory},
                   {"max_newton_iterations", summary.max_newton_iterations},
                   {"max_cfl", summary.max_cfl},
                   {"bytes", summary.bytes},
                   {"output_file", file}});
    app::write_report(comm, args.report, report);
  }
  return 0;
}

}  // namespace
}  // namespace las::pde_data_app

int main(int argc, char** argv) {
  return las::app::run(argc, argv, las::pde_data_app::kName, las::pde_data_app::run);
}
