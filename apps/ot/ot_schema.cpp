// SPDX-License-Identifier: BSD-3-Clause
#include "apps/ot/ot_schema.hpp"

namespace las::ot_app {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // What is solved.
  s.add({"problem.kind", Type::String, "random_assignment",
         "random_assignment (the SNS paper's: C uniform on [0,1), uniform weights) or point_clouds",
         {"random_assignment", "point_clouds"}});
  s.add({"problem.n", Type::Int, "500", "rows = columns", {}, 1});
  s.add({"problem.seed", Type::Int, "1", "seed of the costs or points", {}, 0});
  s.add({"problem.cloud", Type::String, "uniform", "point distribution (point_clouds)",
         {"uniform", "gaussian_mixture"}});
  s.add({"problem.dim", Type::Int, "2", "point dimension (point_clouds)", {}, 1});
  s.add({"problem.cost", Type::String, "sqeuclidean", "ground cost (point_clouds)",
         {"sqeuclidean", "euclidean", "l1"}});
  s.add({"problem.components", Type::Int, "3", "Gaussian mixture components", {}, 1});
  s.add({"problem.spread", Type::Real, "0.05", "Gaussian mixture standard deviation", {}, 0.0});
  // How both solvers run.
  s.add({"solver.eta", Type::Real, "1200", "inverse temperature (POT's reg = 1/eta)", {}, 1e-300});
  s.add({"solver.tol", Type::Real, "1e-9", "stop at ||P1 - r||_1 + ||P^T 1 - c||_1 <= tol", {}, 0.0});
  s.add({"solver.max_iterations", Type::Int, "100000", "iteration cap (each solver)", {}, 0});
  s.add({"sinkhorn.enabled", Type::Bool, "true", "also run log-domain Sinkhorn and compare"});
  s.add({"sns.max_warmup", Type::Int, "20", "N1: most Sinkhorn steps before Newton", {}, 0});
  s.add({"sns.density", Type::Real, "0", "lambda: kept fraction of P in the Hessian (0: 2/n)", {}, 0.0, 1.0});
  s.add({"sns.max_density", Type::Real, "0", "lambda grows up to this while Newton is slow (0: max(64/n, 1e7/n^2), at most 1)",
         {}, 0.0, 1.0});
  s.add({"sns.cg_rtol", Type::Real, "1e-10", "CG tolerance of the Newton system", {}, 0.0, 1.0});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

}  // namespace las::ot_app
