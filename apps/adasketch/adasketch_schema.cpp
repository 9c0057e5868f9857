// SPDX-License-Identifier: BSD-3-Clause
#include "apps/adasketch/adasketch_schema.hpp"

namespace las::adasketch_app {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // What is solved.
  s.add({"problem.name", Type::String, "all",
         "a problem of the HS/BT set (HS6, BT2, ...), all (the whole set), logistic_generated "
         "(problem.samples x problem.features), logistic_libsvm (problem.file) or poisson_control (the paper's "
         "PDE-constrained problem on a problem.N x problem.N grid, distributed over the ranks)"});
  s.add({"problem.samples", Type::Int, "200", "logistic_generated: samples N", {}, 1});
  s.add({"problem.features", Type::Int, "30", "logistic_generated: features n", {}, 2});
  s.add({"problem.linear_constraints", Type::Int, "10",
         "logistic: Gaussian rows of A x = b besides ||x||^2 = 1 (the paper's 10; below n)", {}, 1});
  s.add({"problem.seed", Type::Int, "2023", "logistic: seed of the generated data and of A, b", {}, 0});
  s.add({"problem.file", Type::String, "\"\"",
         "logistic_libsvm: LIBSVM file (label idx:val ..., 1-based ascending indices, labels -1/+1 or 0/1)"});
  s.add({"problem.N", Type::Int, "64", "poisson_control: interior grid size N (the authors' N = 3)", {}, 1});
  // AdaSketch-Newton.
  s.add({"solver.sketch", Type::String, "gaussian",
         "inner sketching solver of the KKT system",
         {"gaussian", "kaczmarz", "kaczmarz_row_norm", "block_kaczmarz", "sparse_sign"}});
  s.add({"solver.block_size", Type::Int, "1", "sketch columns/rows (gaussian, block_kaczmarz, sparse_sign)", {}, 1});
  s.add({"solver.sparse_nonzeros", Type::Int, "4", "nonzeros per sparse-sign column", {}, 1});
  s.add({"solver.kkt_tolerance", Type::Real, "1e-6", "stop at ||(grad_x L, c)||_2 <= this", {}, 0.0});
  s.add({"solver.max_iterations", Type::Int, "1000", "Newton iteration cap", {}, 1});
  s.add({"solver.max_inner_iterations", Type::Int, "100000", "sketch steps per Newton step (the authors' 1e5)",
         {}, 1});
  s.add({"solver.delta_floor", Type::Real, "1e-6", "floor of the adaptive accuracy delta (the authors' 1e-6)",
         {}, 0.0});
  s.add({"solver.seed", Type::Int, "2023", "seed of the sketches' random stream (the authors' 2023)", {}, 0});
  s.add({"solver.merit_hessian", Type::String, "lagrangian",
         "Hessian in the merit gradient: lagrangian (exact) or objective (the authors' code)",
         {"lagrangian", "objective"}});
  // The anchor.
  s.add({"ipopt.enabled", Type::Bool, "true",
         "also solve with IPOPT (las_ipopt_runner, a separate process) and compare"});
  // Files.
  s.add({"output.directory", Type::String, "\"\"",
         "where adasketch_history.csv (KKT residual per iteration, las and IPOPT) and "
         "adasketch_kkt.png go (empty: none)"});
  s.add({"output.plot", Type::Bool, "true", "draw adasketch_kkt.png (python3 + matplotlib)"});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

}  // namespace las::adasketch_app
