// SPDX-License-Identifier: BSD-3-Clause
#include "apps/pde_data/pde_data_schema.hpp"

namespace las::pde_data_app {

namespace {
constexpr double kPositive = 1e-300;  // a lower bound that excludes 0 (bounds are inclusive)
}

config::Schema make_schema() {
  using config::Type;
  config::Schema s;
  s.add({"pde",
         Type::String,
         "diffusion_sorption",
         "diffusion_sorption (1D, PDEBench) or navier_stokes (2D vorticity, periodic)",
         {"diffusion_sorption", "navier_stokes"}});
  s.add({"samples.count",
         Type::Int,
         "8",
         "trajectories in the file (the paper: 8000 + 1000 DS, 4000 NS)",
         {},
         1});
  s.add({"samples.first",
         Type::Int,
         "0",
         "global number of the first sample (a test set from the same seed: first = the training count)",
         {},
         0});
  s.add({"samples.seed", Type::Int, "0", "seed; sample i is a pure function of (seed, i)", {}, 0});
  s.add({"samples.batch",
         Type::Int,
         "16",
         "trajectories a rank holds in memory between collective writes",
         {},
         1});
  // Diffusion–sorption (PDEBench's parameters).
  s.add({"diffusion_sorption.cells",
         Type::Int,
         "1024",
         "finite-volume cells on (0, 1) (output at cell centres)",
         {},
         2});
  s.add({"diffusion_sorption.snapshots",
         Type::Int,
         "101",
         "output times j T/(snapshots-1), t = 0 included",
         {},
         2});
  s.add({"diffusion_sorption.t_final", Type::Real, "500", "T", {}, kPositive});
  s.add({"diffusion_sorption.max_dt", Type::Real, "0.5", "longest BDF2 step", {}, kPositive});
  s.add({"diffusion_sorption.D", Type::Real, "5e-4", "diffusivity", {}, kPositive});
  s.add({"diffusion_sorption.porosity", Type::Real, "0.29", "phi", {}, kPositive, 1.0});
  s.add({"diffusion_sorption.rho_s", Type::Real, "2880", "bulk density", {}, 0.0});
  s.add({"diffusion_sorption.k", Type::Real, "3.5e-4", "Freundlich k (0: the heat equation)", {}, 0.0});
  s.add({"diffusion_sorption.n_f", Type::Real, "0.874", "Freundlich exponent", {}, kPositive});
  s.add({"diffusion_sorption.left_value", Type::Real, "1.0", "u(0, t)"});
  s.add(
      {"diffusion_sorption.initial_max", Type::Real, "0.2", "u(x, 0) ~ U(0, initial_max) per cell", {}, 0.0});
  // Navier–Stokes (the paper's: nu = 1e-4, T = 5, GRF length scale 0.8).
  s.add({"navier_stokes.n", Type::Int, "64", "grid points per direction (even)", {}, 4});
  s.add(
      {"navier_stokes.snapshots", Type::Int, "64", "output times j T/(snapshots-1), t = 0 included", {}, 2});
  s.add({"navier_stokes.t_final", Type::Real, "5", "T", {}, kPositive});
  s.add({"navier_stokes.max_dt",
         Type::Real,
         "1e-3",
         "longest step (explicit advection: keep the CFL number < 1)",
         {},
         kPositive});
  s.add({"navier_stokes.viscosity", Type::Real, "1e-4", "nu (0: Euler)", {}, 0.0});
  s.add({"navier_stokes.forcing_amplitude", Type::Real, "0",
         "A of the forcing A (sin 2pi(x+y) + cos 2pi(x+y)) (Li et al. use 0.1; the paper none)"});
  s.add({"navier_stokes.grf_length_scale",
         Type::Real,
         "0.8",
         "periodic-kernel length scale of w0",
         {},
         kPositive});
  s.add({"navier_stokes.grf_sigma",
         Type::Real,
         "1.0",
         "standard deviation of w0 (before its mean is removed)",
         {},
         0.0});
  // Output.
  s.add({"output.file", Type::String, "\"\"", "the HDF5 data set (required; written atomically)"});
  s.add({"output.progress_seconds",
         Type::Real,
         "10",
         "a progress line (rate, ETA) at most this often",
         {},
         0.0});
  s.add({"output.verbosity", Type::Int, "1", "0 quiet, 1 normal, 2 debug", {}, 0, 2});
  return s;
}

pde::DatasetSpec dataset_spec(const config::Deck& deck) {
  pde::DatasetSpec s;
  s.kind = pde::parse_pde_kind(deck.get_string("pde"));
  s.count = deck.get_int("samples.count");
  s.first = deck.get_int("samples.first");
  s.seed = static_cast<std::uint64_t>(deck.get_int("samples.seed"));
  s.batch = deck.get_int("samples.batch");
  s.progress_seconds = deck.get_real("output.progress_seconds");

  pde::DiffusionSorptionParams& d = s.diffusion_sorption;
  d.cells = static_cast<int>(deck.get_int("diffusion_sorption.cells"));
  d.snapshots = static_cast<int>(deck.get_int("diffusion_sorption.snapshots"));
  d.t_final = deck.get_real("diffusion_sorption.t_final");
  d.max_dt = deck.get_real("diffusion_sorption.max_dt");
  d.diffusivity = deck.get_real("diffusion_sorption.D");
  d.porosity = deck.get_real("diffusion_sorption.porosity");
  d.bulk_density = deck.get_real("diffusion_sorption.rho_s");
  d.freundlich_k = deck.get_real("diffusion_sorption.k");
  d.freundlich_n = deck.get_real("diffusion_sorption.n_f");
  d.left_value = deck.get_real("diffusion_sorption.left_value");
  s.ds_initial_max = deck.get_real("diffusion_sorption.initial_max");

  pde::NavierStokesParams& n = s.navier_stokes;
  n.n = static_cast<int>(deck.get_int("navier_stokes.n"));
  if (s.kind == pde::PdeKind::navier_stokes && n.n % 2 != 0) deck.fail("navier_stokes.n", "must be even");
  n.snapshots = static_cast<int>(deck.get_int("navier_stokes.snapshots"));
  n.t_final = deck.get_real("navier_stokes.t_final");
  n.max_dt = deck.get_real("navier_stokes.max_dt");
  n.viscosity = deck.get_real("navier_stokes.viscosity");
  n.forcing_amplitude = deck.get_real("navier_stokes.forcing_amplitude");
  s.grf_length_scale = deck.get_real("navier_stokes.grf_length_scale");
  s.grf_sigma = deck.get_real("navier_stokes.grf_sigma");

  if (deck.get_string("output.file").empty()) deck.fail("output.file", "required: where the data set goes");
  return s;
}

}  // namespace las::pde_data_app
