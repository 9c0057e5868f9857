// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/pde/navier_stokes_2d.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>

#include "solvers/core/error.hpp"
#include "solvers/pde/real_fft_2d.hpp"
#include "solvers/pde/time_grid.hpp"

namespace las::pde {
namespace {

using Spectrum = std::vector<std::complex<double>>;
constexpr double kTwoPi = 6.283185307179586476925286766559;

// The spectral operators on an n x n grid: wavenumbers (times 2 pi), the 2/3-rule mask,
// and the advection term -u . grad w evaluated pseudo-spectrally.
class VorticitySpectral {
 public:
  explicit VorticitySpectral(int n) : fft_(n), n_(n) {
    const std::size_t size = fft_.spectral_size();
    kx_.resize(size);
    ky_.resize(size);
    k2_.resize(size);
    keep_.resize(size);
    const int kmax = (n - 1) / 3;  // 3 kmax < n: products of kept modes do not alias onto kept modes
    const int row = n / 2 + 1;
    for (int iy = 0; iy < n; ++iy) {
      for (int ix = 0; ix < row; ++ix) {
        const std::size_t k =
            static_cast<std::size_t>(iy) * static_cast<std::size_t>(row) + static_cast<std::size_t>(ix);
        const int wy = fft_.wavenumber_y(iy);
        kx_[k] = kTwoPi * ix;
        ky_[k] = kTwoPi * wy;
        k2_[k] = kx_[k] * kx_[k] + ky_[k] * ky_[k];
        keep_[k] = ix <= kmax && std::abs(wy) <= kmax ? 1.0 : 0.0;
      }
    }
    for (auto* s : {&u_hat_, &v_hat_, &wx_hat_, &wy_hat_}) s->resize(size);
  }

  std::size_t size() const { return k2_.size(); }
  double k2(std::size_t k) const { return k2_[k]; }

  // The normalised, dealiased spectrum of a grid field.
  Spectrum transform(const std::vector<double>& field) {
    Spectrum s;
    fft_.forward(field, s);
    const double scale = 1.0 / (static_cast<double>(n_) * n_);
    for (std::size_t k = 0; k < s.size(); ++k) s[k] *= scale * keep_[k];
    return s;
  }

  // The grid values of a normalised spectrum.
  void to_grid(const Spectrum& s, std::vector<double>& field) { fft_.inverse(s, field); }

  // adv = spectrum of -(u w_x + v w_y), dealiased; returns max(|u| + |v|) on the grid.
  double advection(const Spectrum& w_hat, Spectrum& adv) {
    const std::complex<double> i(0.0, 1.0);
    for (std::size_t k = 0; k < size(); ++k) {
      // psi_hat = w_hat / |k|^2 (its mean is irrelevant: velocity has no k = 0 part).
      const std::complex<double> psi = k2_[k] > 0 ? w_hat[k] / k2_[k] : 0.0;
      u_hat_[k] = i * ky_[k] * psi;
      v_hat_[k] = -i * kx_[k] * psi;
      wx_hat_[k] = i * kx_[k] * w_hat[k];
      wy_hat_[k] = i * ky_[k] * w_hat[k];
    }
    fft_.inverse(u_hat_, u_);
    fft_.inverse(v_hat_, v_);
    fft_.inverse(wx_hat_, wx_);
    fft_.inverse(wy_hat_, wy_);
    double speed = 0;
    for (std::size_t j = 0; j < u_.size(); ++j) {
      speed = std::max(speed, std::abs(u_[j]) + std::abs(v_[j]));
      wx_[j] = -(u_[j] * wx_[j] + v_[j] * wy_[j]);
    }
    adv = transform(wx_);
    return speed;
  }

 private:
  RealFft2d fft_;
  int n_;
  std::vector<double> kx_, ky_, k2_, keep_;
  Spectrum u_hat_, v_hat_, wx_hat_, wy_hat_;
  std::vector<double> u_, v_, wx_, wy_;
};

void check(const NavierStokesParams& p) {
  LAS_CHECK(p.viscosity >= 0, "navier-stokes: the viscosity must be >= 0, got " << p.viscosity);
  LAS_CHECK(p.n >= 4 && p.n % 2 == 0, "navier-stokes: n must be even and >= 4, got " << p.n);
  LAS_CHECK(std::isfinite(p.forcing_amplitude), "navier-stokes: the forcing amplitude must be finite");
}

std::vector<double> forcing_field(const NavierStokesParams& p) {
  const std::vector<double> x = periodic_nodes(p.n);
  std::vector<double> f(static_cast<std::size_t>(p.n) * static_cast<std::size_t>(p.n));
  for (int iy = 0; iy < p.n; ++iy) {
    for (int ix = 0; ix < p.n; ++ix) {
      const double phase = kTwoPi * (x[static_cast<std::size_t>(ix)] + x[static_cast<std::size_t>(iy)]);
      f[static_cast<std::size_t>(iy) * static_cast<std::size_t>(p.n) + static_cast<std::size_t>(ix)] =
          p.forcing_amplitude * (std::sin(phase) + std::cos(phase));
    }
  }
  return f;
}

}  // namespace

NavierStokesTrajectory solve_navier_stokes(const NavierStokesParams& p, const std::vector<double>& w0) {
  check(p);
  const std::size_t cells = static_cast<std::size_t>(p.n) * static_cast<std::size_t>(p.n);
  LAS_CHECK(w0.size() == cells, "navier-stokes: the initial vorticity has "
                                    << w0.size() << " values for an n = " << p.n << " grid");
  const std::vector<double> times = snapshot_times(p.t_final, p.snapshots);
  const long long substeps = steps_per_interval(times[1] - times[0], p.max_dt);
  const double dt = (times[1] - times[0]) / static_cast<double>(substeps);
  const double h = 1.0 / p.n;

  NavierStokesTrajectory out;
  out.w.assign(times.size() * cells, std::numeric_limits<double>::quiet_NaN());
  std::copy(w0.begin(), w0.end(), out.w.begin());

  VorticitySpectral ops(p.n);
  const std::size_t modes = ops.size();
  const Spectrum forcing = ops.transform(forcing_field(p));
  // Crank–Nicolson factors: w_new = (explicit part) / (1 + a), a = nu k^2 dt / 2.
  std::vector<double> damp(modes), implicit(modes);
  for (std::size_t k = 0; k < modes; ++k) {
    const double a = 0.5 * dt * p.viscosity * ops.k2(k);
    damp[k] = 1.0 - a;
    implicit[k] = 1.0 / (1.0 + a);
  }

  Spectrum w_hat = ops.transform(w0), predicted(modes), adv0, adv1;
  std::vector<double> grid;
  for (std::size_t j = 1; j < times.size(); ++j) {
    for (long long s = 0; s < substeps; ++s) {
      // Heun for advection + forcing, Crank–Nicolson for viscosity.
      const double speed = ops.advection(w_hat, adv0);
      for (std::size_t k = 0; k < modes; ++k)
        predicted[k] = (damp[k] * w_hat[k] + dt * (forcing[k] + adv0[k])) * implicit[k];
      const double speed_predicted = ops.advection(predicted, adv1);
      for (std::size_t k = 0; k < modes; ++k)
        w_hat[k] = (damp[k] * w_hat[k] + dt * (forcing[k] + 0.5 * (adv0[k] + adv1[k]))) * implicit[k];
      out.max_cfl = std::max(out.max_cfl, std::max(speed, speed_predicted) * dt / h);
      ++out.steps;
    }
    ops.to_grid(w_hat, grid);
    const bool finite = std::all_of(grid.begin(), grid.end(), [](double v) { return std::isfinite(v); });
    if (!finite) {
      out.finite = false;
      return out;
    }
    std::copy(grid.begin(), grid.end(), out.w.begin() + static_cast<std::ptrdiff_t>(j * cells));
  }
  return out;
}

}  // namespace las::pde
