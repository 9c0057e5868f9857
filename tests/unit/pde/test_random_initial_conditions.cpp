// SPDX-License-Identifier: BSD-3-Clause
// The random initial conditions against closed forms: the periodic kernel's grid
// spectrum against its Bessel series, and the sampled GRF's empirical covariance against
// the kernel.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "solvers/pde/random_initial_conditions.hpp"

namespace las::pde {
namespace {

constexpr double kPi = 3.14159265358979323846;

// exp(-2 sin^2(pi r)/l^2) = exp(-1/l^2) sum_m I_m(1/l^2) exp(2 pi i m r), so the DFT of its
// grid samples is n exp(-1/l^2) sum_j I_{k + j n}(1/l^2) over all integers j (aliasing).
double bessel_spectrum(int n, double l, int k) {
  const double z = 1.0 / (l * l);
  double sum = 0;
  for (int j = -20; j <= 20; ++j) sum += std::cyl_bessel_i(std::abs(k + j * n), z);
  return n * std::exp(-z) * sum;
}

TEST(RandomInitialConditions, KernelSpectrumMatchesBesselSeries) {
  for (double l : {0.8, 0.2}) {
    for (int n : {8, 32}) {
      const std::vector<double> lambda = periodic_kernel_spectrum(n, l);
      EXPECT_NEAR(std::accumulate(lambda.begin(), lambda.end(), 0.0) / n, 1.0, 1e-13);
      for (int k = 0; k < n; ++k)
        EXPECT_NEAR(lambda[static_cast<std::size_t>(k)], bessel_spectrum(n, l, k), 1e-12 * n)
            << "n " << n << " l " << l << " k " << k;
    }
  }
}

double kernel(double r, double l) {
  const double s = std::sin(kPi * r);
  return std::exp(-2 * s * s / (l * l));
}

TEST(RandomInitialConditions, GrfCovarianceMatchesTheKernel) {
  const int n = 16, samples = 1500;
  const double l = 0.3, sigma = 1.5;
  // Empirical stationary covariance at lags (dx, dy), averaged over positions and samples.
  const std::vector<std::pair<int, int>> lags = {{0, 0}, {1, 0}, {0, 2}, {3, 1}, {8, 8}};
  std::vector<double> cov(lags.size(), 0.0);
  for (int s = 0; s < samples; ++s) {
    const std::vector<double> w =
        periodic_grf_sample(n, l, sigma, false, 1000 + static_cast<std::uint64_t>(s));
    for (std::size_t q = 0; q < lags.size(); ++q) {
      for (int iy = 0; iy < n; ++iy)
        for (int ix = 0; ix < n; ++ix)
          cov[q] += w[static_cast<std::size_t>(iy * n + ix)] *
                    w[static_cast<std::size_t>(((iy + lags[q].second) % n) * n + (ix + lags[q].first) % n)];
    }
  }
  for (std::size_t q = 0; q < lags.size(); ++q) {
    const double expected =
        sigma * sigma * kernel(lags[q].first / double(n), l) * kernel(lags[q].second / double(n), l);
    // About 1500 samples of ~30 independent modes each: a few percent of sigma^2.
    EXPECT_NEAR(cov[q] / (samples * n * n), expected, 0.05 * sigma * sigma)
        << "lag " << lags[q].first << "," << lags[q].second;
  }
}

TEST(RandomInitialConditions, GrfIsDeterministicAndZeroMeanOnRequest) {
  const std::vector<double> a = periodic_grf_sample(16, 0.8, 1.0, true, 9);
  EXPECT_EQ(a, periodic_grf_sample(16, 0.8, 1.0, true, 9));
  EXPECT_NE(a, periodic_grf_sample(16, 0.8, 1.0, true, 10));
  EXPECT_NEAR(std::accumulate(a.begin(), a.end(), 0.0), 0.0, 1e-12);
}

}  // namespace
}  // namespace las::pde
