// SPDX-License-Identifier: BSD-3-Clause
#include "apps/ot/ot_schema.hpp"

#include "apps/ot/ot_density_deck.hpp"

namespace las::ot_app {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // What is solved.
  s.add({"problem.kind", Type::String, "random_assignment",
         "random_assignment (the SNS paper's: C uniform on [0,1), uniform weights), point_clouds, "
         "densities (density.*), hdf5 (input.file) or csv (input.row_csv, input.col_csv)",
         {"random_assignment", "point_clouds", "densities", "hdf5", "csv"}});
  s.add({"problem.n", Type::Int, "500", "rows = columns", {}, 1});
  s.add({"problem.seed", Type::Int, "1", "seed of the costs or points", {}, 0});
  s.add({"problem.cloud", Type::String, "uniform", "point distribution (point_clouds)",
         {"uniform", "gaussian_mixture"}});
  s.add({"problem.dim", Type::Int, "2", "point dimension (point_clouds; densities: 1 or 2)", {}, 1});
  s.add({"problem.cost", Type::String, "sqeuclidean", "ground cost (point_clouds, points from files)",
         {"sqeuclidean", "euclidean", "l1"}});
  s.add({"problem.components", Type::Int, "3", "Gaussian mixture components", {}, 1});
  s.add({"problem.spread", Type::Real, "0.05", "Gaussian mixture standard deviation", {}, 0.0});
  add_density_keys(s);
  // Problems from files.
  s.add({"input.file", Type::String, "\"\"",
         "HDF5 (problem.kind = hdf5): datasets r [m], c [n] (optional: uniform) and C [m][n], or "
         "x_points [m][d] and y_points [n][d]"});
  s.add({"input.row_csv", Type::String, "\"\"",
         "CSV of the row points (problem.kind = csv): one line weight,coord_1,...,coord_d per point"});
  s.add({"input.col_csv", Type::String, "\"\"", "CSV of the column points (problem.kind = csv)"});
  // How both solvers run.
  s.add({"solver.eta", Type::Real, "1200", "inverse temperature (POT's reg = 1/eta)", {}, 1e-300});
  s.add({"solver.tol", Type::Real, "1e-9", "stop at ||P1 - r||_1 + ||P^T 1 - c||_1 <= tol", {}, 0.0});
  s.add({"solver.max_iterations", Type::Int, "100000", "iteration cap (each solver)", {}, 0});
  s.add({"sinkhorn.enabled", Type::Bool, "true", "also run log-domain Sinkhorn and compare"});
  s.add({"sns.max_warmup", Type::Int, "20", "N1: most Sinkhorn steps before Newton", {}, 0});
  s.add({"sns.density", Type::Real, "0", "lambda: kept fraction of P in the Hessian (0: 2/n)", {}, 0.0, 1.0});
  s.add({"sns.max_density", Type::Real, "0", "lambda grows up to this while Newton is slow (0: max(64/n, 6e7/n^2), at most 1; 6e7 kept entries are ~720 MB of CSR over all ranks)",
         {}, 0.0, 1.0});
  s.add({"sns.coarse_correction", Type::Bool, "true",
         "after a failed or stalled Newton step, balance the masses of P_s's components exactly "
         "(a coarse Newton step) before falling back to Sinkhorn"});
  s.add({"sns.cg_rtol", Type::Real, "1e-10", "CG tolerance of the Newton system", {}, 0.0, 1.0});
  s.add({"sns.cg_forcing", Type::Real, "0.1",
         "inexact Newton: CG rtol = min(1e-2, max(cg_rtol, cg_forcing * error / mass)); 0: cg_rtol",
         {}, 0.0, 1e6});
  s.add({"output.file", Type::String, "\"\"",
         "HDF5 (written atomically): per solver group sns/ and sinkhorn/ with costs, marginal errors, "
         "potentials x, y, the plan's entries >= output.plan_threshold (CSR) and the history "
         "(empty: none)"});
  s.add({"output.plan_threshold", Type::Real, "1e-10",
         "plan entries P_ij >= this go to output.file (0: every entry)", {}, 0.0});
  s.add({"output.directory", Type::String, "\"\"",
         "where ot_history.csv (marginal error per iteration and time, both solvers) and "
         "ot_convergence.png go (empty: none)"});
  s.add({"output.plot", Type::Bool, "true", "draw ot_convergence.png (python3 + matplotlib)"});
  s.add({"output.progress_seconds", Type::Real, "10",
         "a progress line (iteration, marginal error, time) at most this often; every iteration "
         "at output.verbosity = 2",
         {}, 0.0});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

}  // namespace las::ot_app
