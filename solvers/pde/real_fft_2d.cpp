// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/pde/real_fft_2d.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cstring>

#include "solvers/core/error.hpp"

namespace las::pde {

static_assert(sizeof(std::complex<double>) == sizeof(fftw_complex),
              "std::complex<double> must be layout-compatible with fftw_complex");

struct RealFft2d::Plans {
  double* real = nullptr;
  fftw_complex* spectral = nullptr;
  fftw_plan forward = nullptr;
  fftw_plan inverse = nullptr;

  ~Plans() {
    if (forward != nullptr) fftw_destroy_plan(forward);
    if (inverse != nullptr) fftw_destroy_plan(inverse);
    fftw_free(real);
    fftw_free(spectral);
  }
};

RealFft2d::RealFft2d(int n) : n_(n), plans_(std::make_unique<Plans>()) {
  LAS_CHECK(n >= 2 && n % 2 == 0, "RealFft2d: the grid size must be even and >= 2, got " << n);
  const std::size_t nn = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  plans_->real = fftw_alloc_real(nn);
  plans_->spectral = fftw_alloc_complex(spectral_size());
  LAS_CHECK(plans_->real != nullptr && plans_->spectral != nullptr, "RealFft2d: out of memory for n = " << n);
  // FFTW_ESTIMATE: deterministic plans that do not overwrite the buffers while planning.
  plans_->forward = fftw_plan_dft_r2c_2d(n, n, plans_->real, plans_->spectral, FFTW_ESTIMATE);
  plans_->inverse = fftw_plan_dft_c2r_2d(n, n, plans_->spectral, plans_->real, FFTW_ESTIMATE);
  LAS_CHECK(plans_->forward != nullptr && plans_->inverse != nullptr,
            "RealFft2d: FFTW planning failed for n = " << n);
}

RealFft2d::~RealFft2d() = default;

std::size_t RealFft2d::spectral_size() const {
  return static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_ / 2 + 1);
}

void RealFft2d::forward(const std::vector<double>& field, std::vector<std::complex<double>>& spectrum) {
  const std::size_t nn = static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_);
  LAS_CHECK(field.size() == nn,
            "RealFft2d::forward: " << field.size() << " values for an n = " << n_ << " grid");
  std::copy(field.begin(), field.end(), plans_->real);
  fftw_execute(plans_->forward);
  spectrum.resize(spectral_size());
  std::memcpy(static_cast<void*>(spectrum.data()), plans_->spectral, spectral_size() * sizeof(fftw_complex));
}

void RealFft2d::inverse(const std::vector<std::complex<double>>& spectrum, std::vector<double>& field) {
  LAS_CHECK(spectrum.size() == spectral_size(),
            "RealFft2d::inverse: " << spectrum.size() << " coefficients for an n = " << n_ << " grid");
  // c2r overwrites its input: it works on our copy.
  std::memcpy(static_cast<void*>(plans_->spectral), spectrum.data(), spectral_size() * sizeof(fftw_complex));
  fftw_execute(plans_->inverse);
  const std::size_t nn = static_cast<std::size_t>(n_) * static_cast<std::size_t>(n_);
  field.assign(plans_->real, plans_->real + nn);
}

}  // namespace las::pde
