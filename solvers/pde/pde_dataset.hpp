// SPDX-License-Identifier: BSD-3-Clause
// Reference data sets of the hard-constraint MoE: many trajectories of one PDE from seeded
// random initial conditions, distributed over MPI ranks (each rank solves whole
// trajectories; sample i is a pure function of (seed, i), so any rank count gives the
// same data), written collectively to one HDF5 file with the generator's parameters.
//
// File layout (float64): diffusion_sorption: u [count][snapshots][cells], x [cells] (cell
// centres), t [snapshots]; navier_stokes: w [count][snapshots][n][n] (x fastest), x [n],
// y [n] (nodes i/n), t [snapshots]; both: sample_index [count] (global sample numbers
// first..first+count-1). Root attributes: `pde`, every parameter below, the method and
// the initial-condition family in words, and las's `config` and `las_version`.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/pde/diffusion_sorption.hpp"
#include "solvers/pde/navier_stokes_2d.hpp"

namespace las::pde {

enum class PdeKind { diffusion_sorption, navier_stokes };

/// "diffusion_sorption" / "navier_stokes", and back (las::Error on another name).
const char* to_string(PdeKind kind);
PdeKind parse_pde_kind(const std::string& name);

/// What to generate.
struct DatasetSpec {
  PdeKind kind = PdeKind::diffusion_sorption;
  long long count = 1;     ///< trajectories in the file
  long long first = 0;     ///< global number of the first sample (disjoint train/test sets from one seed)
  std::uint64_t seed = 0;  ///< sample i uses sequences::instance_seed(seed, i)
  long long batch = 16;    ///< trajectories each rank holds before a collective write
  double progress_seconds = 10;  ///< a progress line on rank 0 at most this often
  DiffusionSorptionParams diffusion_sorption;
  double ds_initial_max = 0.2;  ///< u0 ~ U(0, ds_initial_max) per cell (PDEBench)
  NavierStokesParams navier_stokes;
  double grf_length_scale = 0.8;  ///< periodic-kernel length scale of the initial vorticity
  double grf_sigma = 1.0;         ///< its standard deviation (before the mean is removed)
};

/// The initial condition of global sample `sample` (cells or n*n values).
std::vector<double> initial_condition(const DatasetSpec& spec, long long sample);

/// One trajectory of global sample `sample`, [snapshots][grid]; throws
/// las::NotConvergedError naming the sample when the solver failed (Newton did not
/// converge, or the flow blew up).
struct Trajectory {
  std::vector<double> values;
  long long steps = 0;
  int max_newton_iterations = 0;  ///< diffusion–sorption
  double max_cfl = 0;             ///< Navier–Stokes
};
Trajectory generate_trajectory(const DatasetSpec& spec, long long sample);

/// The contiguous share [begin, end) of `count` items owned by `rank` of `size` (the
/// first count % size ranks take one more).
std::pair<long long, long long> block_range(long long count, int rank, int size);

/// What a generation run did (the same on every rank).
struct DatasetSummary {
  long long trajectories = 0;
  double seconds = 0;                  ///< wall time of the whole run (max over ranks)
  double seconds_per_trajectory = 0;   ///< solver time per trajectory (mean over all)
  long long steps_per_trajectory = 0;  ///< time steps of one trajectory
  int max_newton_iterations = 0;
  double max_cfl = 0;
  double bytes = 0;  ///< size of the main dataset
};

/// Collective: generates spec.count trajectories over the ranks of `comm` and writes them,
/// with coordinates and parameters, to `path` (atomically: temporary + rename; `config`
/// is stored as the root attribute `config`). Throws las::Error on every rank on bad
/// parameters, a failed trajectory or an I/O error, leaving no file behind.
DatasetSummary write_dataset(const Comm& comm, const DatasetSpec& spec, const std::string& path,
                             const std::string& config);

}  // namespace las::pde
