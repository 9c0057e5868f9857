// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/navier_stokes_constraints.hpp"

#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/moe/models/finite_differences.hpp"

namespace las::moe {
namespace {

constexpr double kUniformTolerance = 1e-9;

bool on_nodes(const std::vector<double>& c, double h, double first) {
  for (std::size_t i = 0; i < c.size(); ++i)
    if (std::abs(c[i] - (first + h * static_cast<double>(i))) > kUniformTolerance * std::abs(h) * static_cast<double>(c.size()))
      return false;
  return true;
}

/// Angular wavenumbers 2π m of an n-point periodic unit interval in FFT order ([n]), or
/// of its rfft half ([n/2 + 1]); `odd` drops the Nyquist mode (an odd derivative of the
/// real field has no real Nyquist component).
torch::Tensor wavenumbers(int64_t n, bool half, bool odd) {
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64);
  torch::Tensor m = half ? torch::arange(n / 2 + 1, f64) : torch::fft::fftfreq(n, f64) * static_cast<double>(n);
  if (!half) m.index_put_({n / 2}, static_cast<double>(n / 2));  // +n/2, as |k| for the Laplacian
  if (odd) m.index_put_({n / 2}, 0.0);
  return 2 * M_PI * m;
}

torch::Tensor inverse(const torch::Tensor& spectrum, int64_t n) {
  return torch::fft::irfft2(spectrum, std::vector<int64_t>{n, n}, {-2, -1});
}

}  // namespace

PeriodicGrid PeriodicGrid::from_coordinates(const std::vector<double>& t, const std::vector<double>& x,
                                            const std::vector<double>& y) {
  PeriodicGrid g;
  g.times = static_cast<int64_t>(t.size());
  g.n = static_cast<int64_t>(x.size());
  if (g.times < 3) throw InputError("t has " + std::to_string(g.times) + " times, at least 3 are needed");
  if (g.n < 4 || g.n % 2 != 0 || y.size() != x.size())
    throw InputError("x and y must hold the same even count >= 4 of nodes, got " + std::to_string(x.size()) + " and " +
                     std::to_string(y.size()));
  g.dt = t[1] - t[0];
  if (t[0] != 0 || !(g.dt > 0) || !on_nodes(t, g.dt, 0)) throw InputError("t is not uniform from 0");
  const double h = 1.0 / static_cast<double>(g.n);
  if (!on_nodes(x, h, 0) || !on_nodes(y, h, 0)) throw InputError("x and y are not the periodic nodes i / n");
  return g;
}

VorticityFeatures vorticity_features(const torch::Tensor& w) {
  LAS_CHECK(w.dim() >= 2 && w.size(-1) == w.size(-2), "vorticity_features: w must be [..., n, n], got " << w.sizes());
  const int64_t n = w.size(-1);
  const torch::Tensor spectrum = torch::fft::rfft2(w.to(torch::kFloat64), c10::nullopt, {-2, -1});
  const torch::Tensor ky = wavenumbers(n, false, true).view({n, 1}), kx = wavenumbers(n, true, true).view({1, -1});
  const torch::Tensor k2 = wavenumbers(n, false, false).square().view({n, 1}) +
                           wavenumbers(n, true, false).square().view({1, -1});
  const c10::complex<double> i(0, 1);
  // ψ̂ = ŵ / |k|² (the mean mode of ψ is free: 0)
  const torch::Tensor psi = spectrum * torch::where(k2 > 0, 1.0 / k2, torch::zeros_like(k2));
  VorticityFeatures f;
  f.u = inverse(psi * (i * ky), n);
  f.v = inverse(psi * (-i * kx), n);
  f.w_x = inverse(spectrum * (i * kx), n);
  f.w_y = inverse(spectrum * (i * ky), n);
  f.laplacian = inverse(spectrum * (-k2), n);
  return f;
}

torch::Tensor first_derivative_in_time(const torch::Tensor& w, const PeriodicGrid& grid) {
  return first_derivative(w, 1, grid.dt);
}

torch::Tensor navier_stokes_residual(const torch::Tensor& w, const PeriodicGrid& grid, double viscosity) {
  LAS_CHECK(w.dim() == 4 && w.size(1) == grid.times && w.size(2) == grid.n && w.size(3) == grid.n,
            "navier_stokes_residual: w must be [B, " << grid.times << ", " << grid.n << ", " << grid.n << "], got "
                                                     << w.sizes());
  const torch::Tensor w64 = w.to(torch::kFloat64);
  const VorticityFeatures s = vorticity_features(w64);
  const torch::Tensor r = first_derivative_in_time(w64, grid) + s.u * s.w_x + s.v * s.w_y - viscosity * s.laplacian;
  return r.to(w.scalar_type());
}

torch::Tensor navier_stokes_basis(const torch::Tensor& raw, const PeriodicGrid& grid) {
  LAS_CHECK(raw.dim() == 5 && raw.size(1) == grid.times && raw.size(2) == grid.n && raw.size(3) == grid.n,
            "navier_stokes_basis: the raw basis must be [B, " << grid.times << ", " << grid.n << ", " << grid.n
                                                              << ", N], got " << raw.sizes());
  const torch::Tensor ramp =
      kNavierStokesBasisScale * torch::arange(grid.times, raw.options()) / static_cast<double>(grid.times - 1);
  const torch::Tensor scaled = raw * ramp.view({1, -1, 1, 1, 1});
  return scaled - scaled.mean({2, 3}, /*keepdim=*/true);
}

torch::Tensor navier_stokes_field(const torch::Tensor& basis, const torch::Tensor& w0, const torch::Tensor& omega) {
  return w0.unsqueeze(1) + torch::einsum("btyxn,bn->btyx", {basis, omega});
}

AffinePointFeatures navier_stokes_point_features(const torch::Tensor& basis, const torch::Tensor& w0,
                                                 const torch::Tensor& samples, const PeriodicGrid& grid) {
  LAS_CHECK(basis.dim() == 5 && basis.scalar_type() == torch::kFloat64 && basis.size(1) == grid.times &&
                basis.size(2) == grid.n && basis.size(3) == grid.n,
            "navier_stokes_point_features: basis must be float64 [B, T, n, n, N] on the grid, got " << basis.sizes());
  const int64_t b = basis.size(0), nb = basis.size(4), k = samples.size(0), p = samples.size(1);
  LAS_CHECK(w0.dim() == 3 && w0.size(0) == b && w0.size(1) == grid.n && w0.size(2) == grid.n,
            "navier_stokes_point_features: w0 must be [" << b << ", n, n], got " << w0.sizes());
  const torch::Tensor flat = samples.reshape({-1});
  const int64_t plane = grid.n * grid.n;
  // The basis functions as fields [B, N, T, n, n]: FFTs run over the last two dims.
  const torch::Tensor fields = basis.permute({0, 4, 1, 2, 3});
  const VorticityFeatures s = vorticity_features(fields);
  const auto at_points = [&](const torch::Tensor& f) { return f.reshape({b, nb, -1}).index_select(2, flat); };
  const torch::Tensor features =
      torch::stack({at_points(first_derivative(fields, 2, grid.dt)), at_points(s.u), at_points(s.v),
                    at_points(s.w_x), at_points(s.w_y), at_points(s.laplacian)},
                   3);  // [B, N, K·P, 6]
  const VorticityFeatures s0 = vorticity_features(w0.to(torch::kFloat64));
  const torch::Tensor spatial = torch::remainder(flat, plane);
  const auto at_nodes = [&](const torch::Tensor& f) { return f.reshape({b, plane}).index_select(1, spatial); };
  const torch::Tensor u0 = at_nodes(s0.u);
  const torch::Tensor offsets =
      torch::stack({torch::zeros_like(u0), u0, at_nodes(s0.v), at_nodes(s0.w_x), at_nodes(s0.w_y),
                    at_nodes(s0.laplacian)},
                   2);  // [B, K·P, 6]
  return {features.permute({0, 2, 3, 1}).reshape({b * k, p, 6, nb}), offsets.reshape({b * k, p, 6})};
}

PhysicsLoss navier_stokes_physics_loss(const torch::Tensor& w, const PeriodicGrid& grid, double viscosity) {
  PhysicsLoss loss;
  loss.pde = navier_stokes_residual(w, grid, viscosity).narrow(1, 1, grid.times - 1).square().mean();
  loss.initial = torch::zeros({}, loss.pde.options());
  loss.boundary = torch::zeros({}, loss.pde.options());
  loss.total = loss.pde;
  return loss;
}

}  // namespace las::moe
