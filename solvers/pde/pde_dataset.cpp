// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/pde/pde_dataset.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/core/log.hpp"
#include "solvers/io/item_array_io.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/pde/random_initial_conditions.hpp"
#include "solvers/pde/time_grid.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::pde {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Every check that can fail before any work, identical on all ranks.
void validate(const DatasetSpec& s) {
  LAS_CHECK(s.count >= 1 && s.first >= 0 && s.batch >= 1,
            "pde dataset: need count >= 1, first >= 0, batch >= 1");
  if (s.kind == PdeKind::diffusion_sorption) {
    LAS_CHECK(s.ds_initial_max >= 0, "pde dataset: the initial maximum must be >= 0");
    snapshot_times(s.diffusion_sorption.t_final, s.diffusion_sorption.snapshots);
    // A one-step solve from a constant state checks every parameter.
    DiffusionSorptionParams p = s.diffusion_sorption;
    p.t_final = p.max_dt;
    p.snapshots = 2;
    solve_diffusion_sorption(p, std::vector<double>(static_cast<std::size_t>(std::max(p.cells, 0)), 0.0));
  } else {
    LAS_CHECK(s.grf_length_scale > 0 && s.grf_sigma >= 0, "pde dataset: bad GRF length scale / sigma");
    snapshot_times(s.navier_stokes.t_final, s.navier_stokes.snapshots);
    NavierStokesParams p = s.navier_stokes;
    p.t_final = p.max_dt;
    p.snapshots = 2;
    const std::size_t n = static_cast<std::size_t>(std::max(p.n, 0));
    solve_navier_stokes(p, std::vector<double>(n * n, 0.0));
  }
}

// The grid of one snapshot, slowest first.
std::vector<long long> snapshot_shape(const DatasetSpec& s) {
  if (s.kind == PdeKind::diffusion_sorption) return {s.diffusion_sorption.cells};
  return {s.navier_stokes.n, s.navier_stokes.n};
}

int snapshots(const DatasetSpec& s) {
  return s.kind == PdeKind::diffusion_sorption ? s.diffusion_sorption.snapshots : s.navier_stokes.snapshots;
}

double t_final(const DatasetSpec& s) {
  return s.kind == PdeKind::diffusion_sorption ? s.diffusion_sorption.t_final : s.navier_stokes.t_final;
}

// A small 1D dataset written by rank 0 alone (coordinates, times).
void write_axis(io::OutputFile& out, const std::string& name, const std::vector<double>& values) {
  io::create_items(out, name, static_cast<long long>(values.size()), {});
  io::write_items(out, name, 0, out.comm().is_root() ? values : std::vector<double>{});
}

void write_parameters(io::OutputFile& out, const DatasetSpec& s, double dt) {
  out.set_attribute("pde", to_string(s.kind));
  io::set_integer_attribute(out, "seed", static_cast<long long>(s.seed));
  io::set_integer_attribute(out, "first_sample", s.first);
  io::set_integer_attribute(out, "count", s.count);
  io::set_real_attribute(out, "t_final", t_final(s));
  io::set_integer_attribute(out, "snapshots", snapshots(s));
  io::set_real_attribute(out, "dt", dt);
  out.set_attribute("sample_seed",
                    "sample i uses xoshiro256** seeded with las::sequences::instance_seed(seed, i)");
  if (s.kind == PdeKind::diffusion_sorption) {
    const DiffusionSorptionParams& p = s.diffusion_sorption;
    out.set_attribute("equation",
                      "u_t = D/R(u) u_xx, R(u) = 1 + ((1-phi)/phi) rho_s k n_f (u + 1e-6)^(n_f - 1), "
                      "x in (0,1); u(0,t) = left_value, u(1,t) = -D u_x(1,t)");
    out.set_attribute("method",
                      "cell-centred finite volumes, BDF2 (first step backward Euler), Newton with a "
                      "tridiagonal Jacobian (Thomas algorithm)");
    out.set_attribute("initial_condition",
                      "u(x_i, 0) i.i.d. uniform on [0, initial_max) at every cell centre");
    io::set_real_attribute(out, "D", p.diffusivity);
    io::set_real_attribute(out, "porosity", p.porosity);
    io::set_real_attribute(out, "rho_s", p.bulk_density);
    io::set_real_attribute(out, "k", p.freundlich_k);
    io::set_real_attribute(out, "n_f", p.freundlich_n);
    io::set_real_attribute(out, "left_value", p.left_value);
    io::set_real_attribute(out, "initial_max", s.ds_initial_max);
    io::set_integer_attribute(out, "cells", p.cells);
    io::set_real_attribute(out, "newton_tol", p.newton_tol);
  } else {
    const NavierStokesParams& p = s.navier_stokes;
    out.set_attribute("equation",
                      "w_t + u.grad w = nu lap w + f, u = (psi_y, -psi_x), -lap psi = w, periodic "
                      "[0,1]^2, f = forcing_amplitude (sin 2pi(x+y) + cos 2pi(x+y))");
    out.set_attribute("method",
                      "pseudo-spectral (FFTW), 2/3-rule dealiasing, Crank-Nicolson viscosity + Heun "
                      "advection");
    out.set_attribute("initial_condition",
                      "Gaussian random field, covariance sigma^2 exp(-2 sin^2(pi dx)/l^2) "
                      "exp(-2 sin^2(pi dy)/l^2) (exact circulant sampling), mean removed");
    io::set_real_attribute(out, "viscosity", p.viscosity);
    io::set_real_attribute(out, "forcing_amplitude", p.forcing_amplitude);
    io::set_real_attribute(out, "grf_length_scale", s.grf_length_scale);
    io::set_real_attribute(out, "grf_sigma", s.grf_sigma);
    io::set_integer_attribute(out, "n", p.n);
  }
}

}  // namespace

const char* to_string(PdeKind kind) {
  return kind == PdeKind::diffusion_sorption ? "diffusion_sorption" : "navier_stokes";
}

PdeKind parse_pde_kind(const std::string& name) {
  if (name == "diffusion_sorption") return PdeKind::diffusion_sorption;
  if (name == "navier_stokes") return PdeKind::navier_stokes;
  throw Error("unknown PDE '" + name + "' (diffusion_sorption, navier_stokes)");
}

std::vector<double> initial_condition(const DatasetSpec& spec, long long sample) {
  const std::uint64_t seed = sequences::instance_seed(spec.seed, sample);
  if (spec.kind == PdeKind::diffusion_sorption)
    return uniform_noise_initial_condition(spec.diffusion_sorption.cells, spec.ds_initial_max, seed);
  return periodic_grf_sample(spec.navier_stokes.n, spec.grf_length_scale, spec.grf_sigma, true, seed);
}

Trajectory generate_trajectory(const DatasetSpec& spec, long long sample) {
  const std::vector<double> u0 = initial_condition(spec, sample);
  Trajectory t;
  std::ostringstream failure;
  if (spec.kind == PdeKind::diffusion_sorption) {
    DiffusionSorptionTrajectory r = solve_diffusion_sorption(spec.diffusion_sorption, u0);
    if (!r.converged)
      failure << "Newton's method did not converge at t = " << r.failed_at
              << " (lower diffusion_sorption.max_dt)";
    t.values = std::move(r.u);
    t.steps = r.steps;
    t.max_newton_iterations = r.max_newton_iterations;
  } else {
    NavierStokesTrajectory r = solve_navier_stokes(spec.navier_stokes, u0);
    if (!r.finite) failure << "the flow blew up (max CFL " << r.max_cfl << "; lower navier_stokes.max_dt)";
    t.values = std::move(r.w);
    t.steps = r.steps;
    t.max_cfl = r.max_cfl;
  }
  if (!failure.str().empty())
    throw NotConvergedError(std::string(to_string(spec.kind)) + " sample " + std::to_string(sample) + ": " +
                            failure.str());
  return t;
}

std::pair<long long, long long> block_range(long long count, int rank, int size) {
  const long long base = count / size, extra = count % size;
  const long long begin = rank * base + std::min<long long>(rank, extra);
  return {begin, begin + base + (rank < extra ? 1 : 0)};
}

DatasetSummary write_dataset(const Comm& comm, const DatasetSpec& spec, const std::string& path,
                             const std::string& config) {
  validate(spec);
  const auto start = Clock::now();
  const std::vector<double> times = snapshot_times(t_final(spec), snapshots(spec));
  const double max_dt =
      spec.kind == PdeKind::diffusion_sorption ? spec.diffusion_sorption.max_dt : spec.navier_stokes.max_dt;
  const double dt =
      (times[1] - times[0]) / static_cast<double>(steps_per_interval(times[1] - times[0], max_dt));
  std::vector<long long> item_shape = snapshot_shape(spec);
  item_shape.insert(item_shape.begin(), static_cast<long long>(times.size()));
  const std::string field = spec.kind == PdeKind::diffusion_sorption ? "u" : "w";

  io::OutputFile out(comm, path, config);
  write_parameters(out, spec, dt);
  io::create_items(out, field, spec.count, item_shape);
  if (spec.kind == PdeKind::diffusion_sorption) {
    write_axis(out, "x", cell_centres(spec.diffusion_sorption.cells));
  } else {
    write_axis(out, "x", periodic_nodes(spec.navier_stokes.n));
    write_axis(out, "y", periodic_nodes(spec.navier_stokes.n));
  }
  write_axis(out, "t", times);

  const auto [begin, end] = block_range(spec.count, comm.rank(), comm.size());
  std::vector<double> indices;
  for (long long i = begin; i < end; ++i) indices.push_back(static_cast<double>(spec.first + i));
  io::create_items(out, "sample_index", spec.count, {});
  io::write_items(out, "sample_index", begin, indices);

  // Batches: every rank makes the same number of collective writes, some possibly empty.
  const long long local = end - begin;
  const long long batches = (comm.max(local) + spec.batch - 1) / spec.batch;
  DatasetSummary summary;
  double solve_seconds = 0;
  auto last_progress = Clock::now();
  for (long long b = 0; b < batches; ++b) {
    const long long lo = std::min(end, begin + b * spec.batch), hi = std::min(end, lo + spec.batch);
    std::vector<double> values;
    long long failed = LLONG_MAX;
    std::string message;
    for (long long i = lo; i < hi && failed == LLONG_MAX; ++i) {
      const auto t0 = Clock::now();
      try {
        const Trajectory t = generate_trajectory(spec, spec.first + i);
        values.insert(values.end(), t.values.begin(), t.values.end());
        summary.steps_per_trajectory = t.steps;
        summary.max_newton_iterations = std::max(summary.max_newton_iterations, t.max_newton_iterations);
        summary.max_cfl = std::max(summary.max_cfl, t.max_cfl);
      } catch (const Error& e) {
        failed = spec.first + i;
        message = e.what();
      }
      solve_seconds += seconds_since(t0);
      if (comm.is_root() && seconds_since(last_progress) >= spec.progress_seconds) {
        last_progress = Clock::now();
        const double done = static_cast<double>(i - begin + 1);
        const double rate = done / std::max(seconds_since(start), 1e-9);
        std::ostringstream line;
        line << "pde_data: " << (i - begin + 1) << " of " << local << " trajectories on rank 0, " << rate
             << " per second, ETA " << (static_cast<double>(local) - done) / rate << " s";
        log::info(comm, line.str());  // not collective: prints on rank 0
      }
    }
    // Agree before the collective write: the lowest failing sample is reported everywhere.
    const long long first_failure = comm.min(failed);
    if (first_failure != LLONG_MAX) {
      if (failed == first_failure) throw NotConvergedError(message);
      throw NotConvergedError(std::string(to_string(spec.kind)) + " sample " + std::to_string(first_failure) +
                              ": the solver failed (on another rank)");
    }
    io::write_items(out, field, lo, values);
  }
  out.commit();

  summary.trajectories = spec.count;
  summary.seconds = comm.max(seconds_since(start));
  summary.seconds_per_trajectory = comm.sum(solve_seconds) / static_cast<double>(spec.count);
  summary.max_newton_iterations =
      static_cast<int>(comm.max(static_cast<long long>(summary.max_newton_iterations)));
  summary.max_cfl = comm.max(summary.max_cfl);
  summary.steps_per_trajectory = comm.max(summary.steps_per_trajectory);
  double bytes = 8.0 * static_cast<double>(spec.count);
  for (long long e : item_shape) bytes *= static_cast<double>(e);
  summary.bytes = bytes;
  return summary;
}

}  // namespace las::pde
