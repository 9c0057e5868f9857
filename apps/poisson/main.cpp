// SPDX-License-Identifier: BSD-3-Clause
// las_poisson — the main job: solve a Poisson-type system with a las method and, in
// the same run, with a PETSc KSP/PC named in the deck; print one comparison table.
//
// Sample runs:
//   las_poisson inputs/poisson/default.yaml
//   mpiexec -n 2 las_poisson inputs/poisson/inclusions_2d.yaml --report out/incl.json
//   las_poisson inputs/poisson/default.yaml grid.n=[1024,1024] petsc.pc_type=gamg
//   las_poisson inputs/poisson/matrix_market.yaml problem.matrix_file=my.mtx
//   las_poisson --keys        (every deck key with its default)
#include <cmath>
#include <filesystem>

#include "apps/common/app_runner.hpp"
#include "apps/common/cli.hpp"
#include "apps/common/output_paths.hpp"
#include "apps/common/report_json.hpp"
#include "apps/poisson/comparison.hpp"
#include "apps/poisson/poisson_schema.hpp"
#include "apps/poisson/poisson_system.hpp"
#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/io/field_io.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/xdmf.hpp"
#include "solvers/krylov/cg.hpp"
#ifdef LAS_HAVE_PETSC
#include "solvers/anchors/petsc_anchor.hpp"
#endif

namespace las::poisson {
namespace {

constexpr const char* kName = "las_poisson";

// Root-mean-square difference to the known solution (a discrete L2 error).
double rms_error(const DistVector& x, const DistVector& reference) {
  DistVector diff = x.clone();
  axpy(-1.0, reference, diff);
  return norm2(diff) / std::sqrt(static_cast<double>(x.global_size()));
}

void write_fields(const Comm& comm, const config::Deck& deck, const PoissonSystem& sys, const DistVector& x) {
  const std::string path = deck.get_string("output.file");
  io::OutputFile out(comm, path, deck.resolved_yaml());
  std::vector<std::string> fields = {"solution", "rhs"};
  io::write_field(out, *sys.grid, "solution", x);
  io::write_field(out, *sys.grid, "rhs", sys.b);
  if (sys.reference) {
    DistVector err = x.clone();
    axpy(-1.0, *sys.reference, err);
    io::write_field(out, *sys.grid, "error", err);
    fields.push_back("error");
  }
  out.commit();
  const auto xmf = std::filesystem::path(path).replace_extension(".xmf").string();
  io::write_xdmf(comm, xmf, std::filesystem::path(path).filename().string(), *sys.grid, fields);
  log::info(comm, "wrote " + path + " and " + xmf);
}

int run(int& argc, char**& argv) {
  Comm comm;
  const config::Schema schema = make_schema();
  const app::CommonArgs args = app::parse_common_args(
      argc, argv, kName, "Solve a Poisson-type system with las and with a PETSc anchor, and compare.",
      schema, comm.rank());
  if (args.exit_now) return 0;
  const config::Deck deck = config::Deck::load(comm, args.deck, args.overrides, schema);
  log::set_verbosity(static_cast<int>(deck.get_int("output.verbosity")));
  app::check_output_dir(comm, deck.get_string("output.file"), "output.file");
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

  const PoissonSystem sys = build_system(comm, deck, use_petsc);
  log::info(comm, "problem: " + sys.description + ", rhs " + sys.rhs_kind);

  CgOptions cg;
  cg.rtol = deck.get_real("solver.rtol");
  cg.atol = deck.get_real("solver.atol");
  cg.max_iterations = static_cast<int>(deck.get_int("solver.max_iterations"));
  cg.preconditioner = deck.get_string("las.method") == "jacobi-pcg" ? CgPreconditioner::Jacobi : CgPreconditioner::None;
  DistVector x = sys.las_operator->create_vector("las::x");
  std::vector<ComparisonRow> rows;
  rows.push_back({"las " + deck.get_string("las.method") + " (" +
                      (sys.grid ? deck.get_string("las.operator") : std::string("csr")) + ")",
                  solve_cg(*sys.las_operator, sys.b, x, cg)});
  if (sys.reference) rows.back().error = rms_error(x, *sys.reference);

#ifdef LAS_HAVE_PETSC
  if (use_petsc) {
    PetscKspOptions po;
    po.ksp_type = deck.get_string("petsc.ksp_type");
    po.pc_type = deck.get_string("petsc.pc_type");
    po.options = deck.get_string("petsc.options");
    po.rtol = cg.rtol;
    po.atol = cg.atol;
    po.max_iterations = cg.max_iterations;
    DistVector xp = sys.matrix->create_vector("las::x_petsc");
    rows.push_back({"petsc " + po.ksp_type + "+" + po.pc_type, solve_with_petsc(*sys.matrix, sys.b, xp, po)});
    if (sys.reference) rows.back().error = rms_error(xp, *sys.reference);
  }
#endif
  log::info(comm, comparison_table(rows));

  if (!deck.get_string("output.file").empty()) write_fields(comm, deck, sys, x);
  if (!args.report.empty()) {
    nlohmann::json report = app::report_header(comm, kName, deck);
    report.update({{"problem", sys.description},
                   {"rhs", sys.rhs_kind},
                   {"global_rows", sys.las_operator->global_rows()}});
    report.update(comparison_json(rows));
    app::write_report(comm, args.report, report);
  }
  const bool ok = rows.front().report.converged() && (rows.size() < 2 || rows.back().report.converged());
  if (!ok) log::warn(comm, "a solver did not converge (see the reason column)");
  return ok ? 0 : 2;
}

}  // namespace
}  // namespace las::poisson

int main(int argc, char** argv) { return las::app::run(argc, argv, las::poisson::kName, las::poisson::run); }
