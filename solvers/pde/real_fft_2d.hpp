// SPDX-License-Identifier: BSD-3-Clause
// Square 2D real-to-complex FFTs (FFTW, host). FFTW stays in the .cpp: its plans are
// made with FFTW_ESTIMATE on buffers of our own, so the same n gives the same
// floating-point operations in every process — data generated on 1 or 2 ranks, or in
// two runs, are bit-identical (FFTW_MEASURE may pick different algorithms per run).
#pragma once

#include <complex>
#include <memory>
#include <vector>

namespace las::pde {

/// Unnormalised transforms of an n x n real field stored row-major [iy][ix] (x fastest).
/// The spectrum is [iy][ix] with n x (n/2 + 1) entries: ix is the x wavenumber 0..n/2,
/// iy the y wavenumber iy (iy <= n/2) or iy - n. Not thread-safe (FFTW plans are shared
/// buffers); one object per thread.
class RealFft2d {
 public:
  /// Throws las::Error unless n >= 2 and even.
  explicit RealFft2d(int n);
  ~RealFft2d();
  RealFft2d(const RealFft2d&) = delete;
  RealFft2d& operator=(const RealFft2d&) = delete;

  int n() const { return n_; }
  /// n (n/2 + 1): entries of a spectrum.
  std::size_t spectral_size() const;
  /// The signed wavenumber of spectral row iy.
  int wavenumber_y(int iy) const { return iy <= n_ / 2 ? iy : iy - n_; }

  /// spectrum = sum_x field(x) exp(-2 pi i k.x) (no normalisation).
  void forward(const std::vector<double>& field, std::vector<std::complex<double>>& spectrum);
  /// field = sum_k spectrum(k) exp(+2 pi i k.x) over the Hermitian-completed spectrum
  /// (no normalisation: inverse(forward(f)) = n^2 f). `spectrum` is not modified.
  void inverse(const std::vector<std::complex<double>>& spectrum, std::vector<double>& field);

 private:
  struct Plans;
  int n_;
  std::unique_ptr<Plans> plans_;
};

}  // namespace las::pde
