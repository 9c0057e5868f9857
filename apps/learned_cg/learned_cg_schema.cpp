// SPDX-License-Identifier: BSD-3-Clause
#include "apps/learned_cg/learned_cg_schema.hpp"

namespace las::learned_cg {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // The grid and the system on it.
  s.add({"grid.dim", Type::Int, "3", "2 or 3 (must match the model's dimension)", {}, 2, 3});
  s.add({"grid.n", Type::IntList, "[32, 32, 32]",
         "cells per axis, one entry per dimension; the network's pooling level needs an even block "
         "on every rank", {}, 1});
  s.add({"grid.procs", Type::IntList, "[]", "ranks per axis (empty: MPI chooses)", {}, 0});
  s.add({"coefficient.kind", Type::String, "constant",
         "diffusion coefficient k: constant, or random ball inclusions of k = contrast in k = 1",
         {"constant", "inclusions"}});
  s.add({"coefficient.contrast", Type::Real, "10", "k inside the inclusions over the background", {}, 1e-300});
  s.add({"coefficient.count", Type::Int, "8", "number of random ball inclusions", {}, 0});
  s.add({"coefficient.radius", Type::Real, "0.1", "inclusion radius (unit domain)", {}, 1e-12});
  s.add({"coefficient.seed", Type::Int, "1", "seed placing the inclusions", {}, 0});
  s.add({"domain.shape", Type::String, "box",
         "box: the whole grid; ball: cells inside a centred ball; l_shape: the box without the "
         "quadrant x > 1/2, y > 1/2 (a prism in 3D). Outside cells are held at zero",
         {"box", "ball", "l_shape"}});
  s.add({"domain.radius", Type::Real, "0.45", "ball radius (unit domain)", {}, 1e-12});
  s.add({"rhs.kind", Type::String, "random_normal",
         "random_normal: b_i standard normal from rhs.seed and the cell's global index (the same at "
         "any rank count); manufactured: -k Laplacian of a known smooth solution (constant k, box only)",
         {"random_normal", "manufactured"}});
  s.add({"rhs.seed", Type::Int, "1", "seed of the random right-hand side", {}, 0});
  // The network and the methods.
  s.add({"model", Type::String, "inputs/models/poisson3d.h5",
         "HDF5 model file with the network in group 'network' (needed by dcdm and fcg)"});
  s.add({"methods", Type::String, "dcdm,fcg,cg,jacobi_pcg,petsc_icc,petsc_gamg",
         "comma-separated, run in this order: dcdm, fcg (network-preconditioned flexible CG), cg, "
         "jacobi_pcg, petsc_icc (KSP cg + PC icc; block Jacobi + ICC on more ranks), petsc_gamg"});
  s.add({"rtols", Type::RealList, "[1e-6, 1e-8]",
         "relative tolerances: each method solves once to the smallest; the table gives iterations and "
         "time at which each was first reached", {}, 1e-300, 1.0});
  s.add({"solver.max_iterations", Type::Int, "5000", "iteration cap (every method)", {}, 1});
  s.add({"solver.kept_directions", Type::Int, "2", "dcdm: directions kept for A-orthogonalisation", {}, 0});
  s.add({"solver.fcg_truncation", Type::Int, "1", "fcg: Notay's truncation m", {}, 0});
  s.add({"solver.refresh_every", Type::Int, "50",
         "dcdm/fcg: replace the recurrence residual by b - Ax every this many iterations (0: never)", {}, 0});
  s.add({"solver.stagnation_window", Type::Int, "50",
         "dcdm/fcg: stop (diverged: stagnation) when ||r|| has not reached a new low for this many "
         "iterations (0: off)", {}, 0});
  // The forward-pass throughput against the FMA peak.
  s.add({"throughput.passes", Type::Int, "5",
         "timed network forward passes on the grid for GFLOP/s (0: skip; needs dcdm or fcg)", {}, 0});
  // Output.
  s.add({"output.directory", Type::String, "\"\"",
         "where learned_cg_history.csv (residual per iteration, every method) and "
         "learned_cg_residuals.png go (empty: none)"});
  s.add({"output.plot", Type::Bool, "true", "draw learned_cg_residuals.png (python3 + matplotlib)"});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

}  // namespace las::learned_cg
