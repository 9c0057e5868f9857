// SPDX-License-Identifier: BSD-3-Clause
#include "apps/bandit_sor/bandit_schema.hpp"

namespace las::bandit_sor {

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  // The sequence of linear systems.
  s.add({"sequence.kind", Type::String, "shifted_laplacian",
         "shifted_laplacian: A_t = delsq + c_t I (the paper's diagonal-shift sequence); heat: "
         "Crank-Nicolson heat equation with kappa(t); files: the user's HDF5 systems",
         {"shifted_laplacian", "heat", "files"}});
  s.add({"sequence.length", Type::Int, "5000", "instances T (heat: time steps)", {}, 1});
  s.add({"sequence.seed", Type::Int, "1", "seed of the random instances", {}, 0});
  s.add({"shifted_laplacian.n", Type::Int, "10", "interior nodes per axis (10: n = 100 unknowns)", {}, 1});
  s.add({"shifted_laplacian.dim", Type::Int, "2", "2 or 3", {}, 2, 3});
  s.add({"shifted_laplacian.distribution", Type::String, "high_variance",
         "c = -0.15 + 0.6 Beta(0.5,1.5) (high_variance) or Beta(2,6) (low_variance)",
         {"high_variance", "low_variance"}});
  s.add({"heat.nx", Type::Int, "25", "intervals per axis ((nx-1)^dim unknowns)", {}, 2});
  s.add({"heat.dim", Type::Int, "2", "2 or 3", {}, 2, 3});
  s.add({"heat.dt", Type::Real, "1e-3", "time step", {}, 1e-300});
  s.add({"heat.procs", Type::IntList, "[]", "ranks per axis (empty: MPI chooses)", {}, 0});
  s.add({"files.pattern", Type::String, "\"\"", "printf pattern of the system files, e.g. seq/sys_%04d.h5"});
  s.add({"files.first", Type::Int, "0", "index of the first file", {}, 0});
  s.add({"files.matrix_group", Type::String, "A", "CSR group in each file (io::write_csr layout)"});
  s.add({"files.rhs_dataset", Type::String, "b", "right-hand side dataset in each file"});
  s.add({"files.context_attribute", Type::String, "context", "root attribute holding the context (optional)"});
  s.add({"files.context_min", Type::Real, "0", "lower bound of the contexts"});
  s.add({"files.context_max", Type::Real, "1", "upper bound of the contexts"});
  s.add({"files.warm_start", Type::Bool, "false", "start each solve from the previous solution"});
  // The solver whose omega is tuned.
  s.add({"solver.method", Type::String, "auto",
         "sor (stationary) or ssor_pcg; auto: sor for shifted_laplacian and files, ssor_pcg for heat",
         {"auto", "sor", "ssor_pcg"}});
  s.add({"solver.ordering", Type::String, "lexicographic",
         "sweep order: lexicographic (within each rank), red_black (grids), multicolor (CSR)",
         {"lexicographic", "red_black", "multicolor"}});
  s.add({"solver.rtol", Type::Real, "1e-8", "relative tolerance (sor: ||r|| < rtol ||r0||; pcg: rtol ||b||)",
         {}, 0.0, 1.0});
  s.add({"solver.max_iterations", Type::Int, "10000", "iteration cap, charged in full when reached", {}, 1});
  // The learners.
  s.add({"bandit.policies", Type::String, "tsallis-inf,tsallis-inf-cb,chebcb",
         "comma-separated learners: tsallis-inf, tsallis-inf-rv (reduced-variance "
         "estimator), tsallis-inf-cb, chebcb"});
  s.add({"bandit.omega_min", Type::Real, "1.0", "first omega of the grid", {}, 1e-6, 1.999999});
  s.add({"bandit.omega_max", Type::Real, "1.95", "last omega of the grid", {}, 1e-6, 1.999999});
  s.add({"bandit.arms", Type::Int, "20", "number of omegas in the grid", {}, 1});
  s.add({"bandit.seed", Type::Int, "7", "seed of the learners' sampling", {}, 0});
  s.add({"bandit.feedback", Type::String, "iterations",
         "cost fed back: iterations, or time (microseconds, max over ranks)", {"iterations", "time"}});
  s.add({"bandit.bins", Type::Int, "5", "tsallis-inf-cb: context bins", {}, 1});
  s.add({"bandit.chebyshev_degree", Type::Int, "5", "chebcb: degree of the Chebyshev features", {}, 0, 20});
  s.add({"bandit.context_range", Type::RealList, "[]", "[min, max] of the contexts (empty: the sequence's own)"});
  // Baselines in the same run.
  s.add({"baselines.fixed", Type::Bool, "true",
         "solve every instance with every omega of the grid: fixed-omega baselines, the best fixed "
         "omega in hindsight and the instance-optimal omega"});
  s.add({"baselines.every", Type::Int, "1", "evaluate the fixed omegas on every k-th instance only", {}, 1});
  s.add({"baselines.young", Type::Bool, "true", "also solve with Young's optimal omega where theory gives it"});
  s.add({"petsc.enabled", Type::Bool, "true",
         "replay the sequence with PETSc (richardson+sor or cg+sor) at omega = 1 and the best fixed omega"});
  // Output and checkpoints.
  s.add({"output.directory", Type::String, "\"\"", "where the per-instance CSV and the PNG go (empty: none)"});
  s.add({"output.plot", Type::Bool, "true", "draw cumulative iterations per policy (python3 + matplotlib)"});
  s.add({"output.progress_every", Type::Int, "500", "progress line every k instances", {}, 1});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  s.add({"checkpoint.file", Type::String, "\"\"", "HDF5 checkpoint (empty: none); resume with --restart FILE"});
  s.add({"checkpoint.every", Type::Int, "500", "instances between checkpoints", {}, 1});
  s.add({"checkpoint.stop_after", Type::Int, "0",
         "stop after this many instances as if killed (testing restarts; 0: run to the end)", {}, 0});
  return s;
}

}  // namespace las::bandit_sor
