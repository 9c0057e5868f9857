// SPDX-License-Identifier: BSD-3-Clause
// The Navier–Stokes physics of the hard-constraint models: spectral features against the
// closed forms of a trigonometric field, the residual of las's own pseudo-spectral solver
// (an independent discretisation) vanishing at second order in the snapshot spacing, the
// layer's affine point features against the features of the assembled field, the
// authors' basis construction, and the shipped set read with its grid.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/core/error.hpp"
#include "solvers/moe/models/expert_partition.hpp"
#include "solvers/moe/models/navier_stokes_constraints.hpp"
#include "solvers/moe/models/navier_stokes_data.hpp"
#include "solvers/pde/navier_stokes_2d.hpp"

namespace las::moe {
namespace {

const std::string kFile = LAS_SOURCE_DIR "/inputs/pde_data/moe_navier_stokes.h5";
constexpr double kTwoPi = 2 * M_PI;

double max_abs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

// Node coordinates of an n x n periodic grid as [n, n] tensors (y, x).
std::pair<torch::Tensor, torch::Tensor> nodes(int64_t n) {
  const torch::Tensor c = torch::arange(n, torch::kFloat64) / static_cast<double>(n);
  return {c.view({n, 1}).expand({n, n}), c.view({1, n}).expand({n, n})};
}

// w = sin(2πx) cos(4πy) + 0.5 cos(6πx + 2πy): every feature in closed form (ψ = Σ term / |k|²).
TEST(NavierStokesConstraints, SpectralFeaturesOfATrigonometricField) {
  const auto [y, x] = nodes(16);
  const double a2 = kTwoPi * kTwoPi * 5, b2 = kTwoPi * kTwoPi * 10;  // |k|² of the two terms
  const torch::Tensor w = torch::sin(kTwoPi * x) * torch::cos(2 * kTwoPi * y) + 0.5 * torch::cos(kTwoPi * (3 * x + y));
  const torch::Tensor psi = torch::sin(kTwoPi * x) * torch::cos(2 * kTwoPi * y) / a2 +
                            0.5 * torch::cos(kTwoPi * (3 * x + y)) / b2;
  const torch::Tensor psi_x = kTwoPi * torch::cos(kTwoPi * x) * torch::cos(2 * kTwoPi * y) / a2 -
                              0.5 * 3 * kTwoPi * torch::sin(kTwoPi * (3 * x + y)) / b2;
  const torch::Tensor psi_y = -2 * kTwoPi * torch::sin(kTwoPi * x) * torch::sin(2 * kTwoPi * y) / a2 -
                              0.5 * kTwoPi * torch::sin(kTwoPi * (3 * x + y)) / b2;
  const VorticityFeatures f = vorticity_features(w.unsqueeze(0));
  EXPECT_LT(max_abs(f.u[0] - psi_y), 1e-13);
  EXPECT_LT(max_abs(f.v[0] + psi_x), 1e-13);
  const torch::Tensor w_x = kTwoPi * torch::cos(kTwoPi * x) * torch::cos(2 * kTwoPi * y) -
                            0.5 * 3 * kTwoPi * torch::sin(kTwoPi * (3 * x + y));
  EXPECT_LT(max_abs(f.w_x[0] - w_x), 1e-12);
  EXPECT_LT(max_abs(f.laplacian[0] + (a2 * a2 * (psi - 0.5 * torch::cos(kTwoPi * (3 * x + y)) / b2) +
                                      b2 * 0.5 * torch::cos(kTwoPi * (3 * x + y)))),
            1e-9);
  const torch::Tensor w_y = -2 * kTwoPi * torch::sin(kTwoPi * x) * torch::sin(2 * kTwoPi * y) -
                            0.5 * kTwoPi * torch::sin(kTwoPi * (3 * x + y));
  EXPECT_LT(max_abs(f.w_y[0] - w_y), 1e-12);
}

// A trajectory of las::pde::solve_navier_stokes (Crank–Nicolson/Heun, dealiased) sampled
// at a snapshot spacing dt: the residual is the second-order time difference's error,
// which falls by ~4 when dt halves, and is small beside the advection term it balances.
TEST(NavierStokesConstraints, ResidualOfTheSolverVanishesAtSecondOrder) {
  const int n = 32;  // the solver's 2/3 rule keeps every mode the short run excites
  const auto [y, x] = nodes(n);
  const torch::Tensor w0 = torch::sin(kTwoPi * x) * torch::cos(kTwoPi * y) + 0.8 * torch::cos(kTwoPi * (2 * x + y)) +
                           0.3 * torch::sin(kTwoPi * 3 * y);
  const torch::Tensor w0_dense = w0.contiguous();  // one buffer for both ends of the copy
  const std::vector<double> w0v(w0_dense.data_ptr<double>(), w0_dense.data_ptr<double>() + n * n);
  double previous = 0;
  for (const int snapshots : {11, 21}) {
    pde::NavierStokesParams p;
    p.n = n;
    p.viscosity = 1e-3;
    p.t_final = 0.5;
    p.snapshots = snapshots;
    p.max_dt = 2.5e-4;  // the solver's own error far below the snapshot differences'
    const pde::NavierStokesTrajectory r = pde::solve_navier_stokes(p, w0v);
    const torch::Tensor w = torch::from_blob(const_cast<double*>(r.w.data()), {1, snapshots, n, n}, torch::kFloat64);
    PeriodicGrid g{snapshots, n, p.t_final / (snapshots - 1)};
    const torch::Tensor residual = navier_stokes_residual(w, g, p.viscosity).narrow(1, 1, snapshots - 2);
    const VorticityFeatures f = vorticity_features(w);
    const double advection = (f.u * f.w_x + f.v * f.w_y).square().mean().sqrt().item<double>();
    const double rms = residual.square().mean().sqrt().item<double>();
    std::printf("%d snapshots: rms residual %.3e, advection %.3e\n", snapshots, rms, advection);
    EXPECT_LT(rms, 1e-3 * advection) << snapshots << " snapshots";
    if (previous > 0) {
      EXPECT_NEAR(previous / rms, 4.0, 0.6) << "order in time";
    }
    previous = rms;
  }
}

TEST(NavierStokesConstraints, AffinePointFeaturesAreThoseOfTheAssembledField) {
  torch::manual_seed(1);
  const PeriodicGrid g{5, 8, 0.1};
  const int64_t b = 2, nb = 3;
  const torch::Tensor basis = navier_stokes_basis(torch::randn({b, g.times, g.n, g.n, nb}, torch::kFloat64), g);
  const torch::Tensor w0 = torch::randn({b, g.n, g.n}, torch::kFloat64);
  const torch::Tensor omega = 100 * torch::randn({b, nb}, torch::kFloat64);
  const ExpertPartition partition({g.times, g.n, g.n}, {1, 2, 2});
  const torch::Tensor samples = sample_expert_points(partition, 6, 7, {1, 0, 0});
  const AffinePointFeatures a = navier_stokes_point_features(basis, w0, samples, g);
  ASSERT_EQ(a.features.sizes(), (std::vector<int64_t>{b * 4, 6, 6, nb}));
  ASSERT_EQ(a.offsets.sizes(), (std::vector<int64_t>{b * 4, 6, 6}));

  const torch::Tensor w = navier_stokes_field(basis, w0, omega);
  const VorticityFeatures f = vorticity_features(w);
  const torch::Tensor full =
      torch::stack({first_derivative_in_time(w, g), f.u, f.v, f.w_x, f.w_y, f.laplacian}, -1).reshape({b, -1, 6});
  for (int64_t s = 0; s < b; ++s)
    for (int64_t k = 0; k < 4; ++k) {
      const torch::Tensor z = torch::einsum("pjn,n->pj", {a.features[s * 4 + k], omega[s]}) + a.offsets[s * 4 + k];
      const torch::Tensor expected = full[s].index_select(0, samples[k]);
      EXPECT_LT(max_abs(z - expected), 1e-10 * (1 + max_abs(expected))) << "sample " << s << " expert " << k;
    }
}

TEST(NavierStokesConstraints, BasisVanishesInitiallyAndHasZeroMean) {
  torch::manual_seed(2);
  const PeriodicGrid g{4, 6, 0.5};
  const torch::Tensor raw = torch::randn({1, g.times, g.n, g.n, 2}, torch::kFloat64);
  const torch::Tensor basis = navier_stokes_basis(raw, g);
  EXPECT_EQ(max_abs(basis.select(1, 0)), 0.0);
  EXPECT_LT(max_abs(basis.mean({2, 3})), 1e-17);
  // At t = T: 0.005 (raw - mean).
  const torch::Tensor last = raw.select(1, g.times - 1);
  EXPECT_LT(max_abs(basis.select(1, g.times - 1) - 0.005 * (last - last.mean({1, 2}, true))), 1e-16);
}

TEST(NavierStokesData, ReadsTheShippedSetWhoseResidualIsSmall) {
  const Comm comm;
  const NavierStokesSet set = read_navier_stokes_set(comm, kFile);
  ASSERT_EQ(set.w.sizes(), (std::vector<int64_t>{8, 21, 32, 32}));
  EXPECT_EQ(set.grid.n, 32);
  EXPECT_NEAR(set.grid.dt, 0.25, 1e-12);
  EXPECT_EQ(set.viscosity, 1e-3);
  // The solver's flow satisfies the constraint's equation up to the error of the time
  // difference over 0.25 s snapshots (4 % of w_t in rms).
  const torch::Tensor r = navier_stokes_residual(set.w, set.grid, set.viscosity).narrow(1, 1, set.grid.times - 1);
  const torch::Tensor w_t = first_derivative_in_time(set.w, set.grid);
  EXPECT_LT(r.square().mean().sqrt().item<double>(), 0.06 * w_t.square().mean().sqrt().item<double>());
  EXPECT_TRUE(torch::equal(read_navier_stokes_set(comm, kFile, 1, 2).w, set.w.narrow(0, 1, 2)));
}

TEST(NavierStokesData, BadFilesAndRangesAreOneLineErrors) {
  const Comm comm;
  EXPECT_THROW(read_navier_stokes_set(comm, kFile, 7, 2), InputError);
  try {
    read_navier_stokes_set(comm, LAS_SOURCE_DIR "/inputs/pde_data/small_diffusion_sorption.h5");
    FAIL() << "a diffusion-sorption set was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("not a Navier-Stokes set"), std::string::npos) << e.what();
  }
  EXPECT_THROW(PeriodicGrid::from_coordinates({0, 1, 2}, {0, 0.25, 0.5, 0.7}, {0, 0.25, 0.5, 0.75}), InputError);
}

}  // namespace
}  // namespace las::moe
