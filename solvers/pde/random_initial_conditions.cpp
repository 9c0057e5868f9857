// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/pde/random_initial_conditions.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numeric>

#include "solvers/core/error.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/pde/real_fft_2d.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::pde {
namespace {
constexpr double kPi = 3.14159265358979323846264338327950288;
}

std::vector<double> uniform_noise_initial_condition(int cells, double max_value, std::uint64_t seed) {
  LAS_CHECK(cells >= 1 && max_value >= 0,
            "uniform_noise_initial_condition: bad cells/max (" << cells << ", " << max_value << ")");
  learning::Rng rng(seed);
  std::vector<double> u(static_cast<std::size_t>(cells));
  for (double& v : u) v = max_value * rng.uniform();
  return u;
}

std::vector<double> periodic_kernel_spectrum(int n, double length_scale) {
  LAS_CHECK(n >= 1 && length_scale > 0,
            "periodic_kernel_spectrum: bad n/length scale (" << n << ", " << length_scale << ")");
  std::vector<double> kernel(static_cast<std::size_t>(n));
  for (int m = 0; m < n; ++m) {
    const double s = std::sin(kPi * m / n);
    kernel[static_cast<std::size_t>(m)] = std::exp(-2.0 * s * s / (length_scale * length_scale));
  }
  std::vector<double> lambda(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    double sum = 0;
    // k m mod n keeps the cosine's argument small (no loss of accuracy for large k m).
    for (int m = 0; m < n; ++m)
      sum += kernel[static_cast<std::size_t>(m)] *
             std::cos(2.0 * kPi * static_cast<double>((static_cast<long long>(k) * m) % n) / n);
    lambda[static_cast<std::size_t>(k)] = std::max(sum, 0.0);
  }
  return lambda;
}

std::vector<double> periodic_grf_sample(int n, double length_scale, double sigma, bool zero_mean,
                                        std::uint64_t seed) {
  LAS_CHECK(sigma >= 0, "periodic_grf_sample: sigma must be >= 0, got " << sigma);
  const std::vector<double> lambda = periodic_kernel_spectrum(n, length_scale);
  RealFft2d fft(n);
  learning::Rng rng(seed);
  const std::size_t cells = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  std::vector<double> field(cells);
  for (double& v : field) v = sequences::standard_normal(rng);
  std::vector<std::complex<double>> spectrum;
  fft.forward(field, spectrum);
  const int row = n / 2 + 1;
  const double scale = sigma / (static_cast<double>(n) * n);
  for (int iy = 0; iy < n; ++iy) {
    for (int ix = 0; ix < row; ++ix) {
      spectrum[static_cast<std::size_t>(iy) * static_cast<std::size_t>(row) + static_cast<std::size_t>(ix)] *=
          scale * std::sqrt(lambda[static_cast<std::size_t>(ix)] * lambda[static_cast<std::size_t>(iy)]);
    }
  }
  fft.inverse(spectrum, field);
  if (zero_mean) {
    const double mean = std::accumulate(field.begin(), field.end(), 0.0) / static_cast<double>(cells);
    for (double& v : field) v -= mean;
  }
  return field;
}

}  // namespace las::pde
