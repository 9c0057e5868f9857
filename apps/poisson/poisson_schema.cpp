// SPDX-License-Identifier: BSD-3-Clause
#include "apps/poisson/poisson_schema.hpp"

namespace las::poisson {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // What is solved.
  s.add({"problem.source", Type::String, "grid", "grid: -div(k grad u) + shift u = f on a structured grid; "
         "matrix_market / hdf5: an SPD matrix from problem.matrix_file", {"grid", "matrix_market", "hdf5"}});
  s.add({"problem.matrix_file", Type::String, "\"\"", "matrix file for source matrix_market or hdf5"});
  s.add({"problem.matrix_group", Type::String, "matrix", "HDF5 group holding the CSR matrix (source hdf5)"});
  s.add({"problem.rhs", Type::String, "auto", "manufactured (sin solution, constant k), unit_load (f = 1), "
         "a_times_ones (b = A 1); auto picks the first that applies", {"auto", "manufactured", "unit_load", "a_times_ones"}});
  s.add({"problem.shift", Type::Real, "0", "shift added to the diagonal (grid problems)", {}, 0.0});
  s.add({"grid.dim", Type::Int, "2", "2 or 3", {}, 2, 3});
  s.add({"grid.n", Type::IntList, "[512, 512]", "cells (interior nodes) per axis, one entry per dimension", {}, 1});
  s.add({"grid.procs", Type::IntList, "[]", "ranks per axis (empty: MPI chooses)", {}, 0});
  s.add({"coefficient.kind", Type::String, "constant", "diffusion coefficient k",
         {"constant", "inclusions", "layered", "file"}});
  s.add({"coefficient.value", Type::Real, "1", "k (constant) or background k", {}, 1e-300});
  s.add({"coefficient.contrast", Type::Real, "100", "k inside inclusions / odd layers over background", {}, 1e-300});
  s.add({"coefficient.count", Type::Int, "8", "number of random ball inclusions", {}, 0});
  s.add({"coefficient.radius", Type::Real, "0.1", "inclusion radius (unit domain)", {}, 1e-12});
  s.add({"coefficient.seed", Type::Int, "1", "seed placing the inclusions", {}, 0});
  s.add({"coefficient.layers", Type::Int, "4", "number of layers along the last axis", {}, 1});
  s.add({"coefficient.file", Type::String, "\"\"", "HDF5 file with k at the grid nodes (kind file)"});
  s.add({"coefficient.dataset", Type::String, "kappa", "dataset in coefficient.file"});
  // How las solves it.
  s.add({"las.method", Type::String, "cg", "las Krylov method", {"cg", "jacobi-pcg"}});
  s.add({"las.operator", Type::String, "matrix-free", "grid problems: matrix-free stencil or assembled CSR",
         {"matrix-free", "csr"}});
  s.add({"solver.rtol", Type::Real, "1e-8", "stop when ||b - Ax|| <= rtol ||b|| (las and PETSc)", {}, 0.0, 1.0});
  s.add({"solver.atol", Type::Real, "0", "... or when ||b - Ax|| <= atol", {}, 0.0});
  s.add({"solver.max_iterations", Type::Int, "10000", "iteration cap (las and PETSc)", {}, 1});
  // The anchor solved in the same run.
  s.add({"petsc.enabled", Type::Bool, "true", "also solve with PETSc and compare"});
  s.add({"petsc.ksp_type", Type::String, "cg", "PETSc KSP type (cg, gmres, ...)"});
  s.add({"petsc.pc_type", Type::String, "none", "PETSc PC type (none, jacobi, icc, gamg, hypre, ...)"});
  s.add({"petsc.options", Type::String, "\"\"", "extra PETSc options, e.g. \"-pc_gamg_threshold 0.02\""});
  // Output.
  s.add({"output.file", Type::String, "\"\"", "HDF5 file for the solution (grid problems; .xmf written beside it)"});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

}  // namespace las::poisson
