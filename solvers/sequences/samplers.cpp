// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/sequences/samplers.hpp"

#include <cmath>

#include "solvers/core/error.hpp"

namespace las::sequences {

std::uint64_t instance_seed(std::uint64_t seed, long long t) {
  // Two splitmix64 rounds decorrelate neighbouring (seed, t) pairs.
  std::uint64_t state = seed ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(t + 1));
  learning::splitmix64(state);
  return learning::splitmix64(state);
}

double standard_normal(learning::Rng& rng) {
  for (;;) {
    const double u = 2.0 * rng.uniform() - 1.0;
    const double v = 2.0 * rng.uniform() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);  // second variate dropped
  }
}

double beta(learning::Rng& rng, double a, double b) {
  LAS_CHECK(a > 0 && b > 0, "beta: parameters must be positive");
  for (;;) {
    const double u = rng.uniform();
    const double v = rng.uniform();
    if (u == 0.0 || v == 0.0) continue;
    // Work with logarithms so that tiny powers of u, v do not underflow (Jöhnk's
    // algorithm as given by Devroye, "Non-Uniform Random Variate Generation", IX.3).
    const double log_x = std::log(u) / a;
    const double log_y = std::log(v) / b;
    const double log_sum = std::max(log_x, log_y) + std::log1p(std::exp(-std::abs(log_x - log_y)));
    if (log_sum <= 0.0) return std::exp(log_x - log_sum);
  }
}

std::vector<double> truncated_gaussian(learning::Rng& rng, long long n, double radius) {
  LAS_CHECK(n > 0 && radius > 0, "truncated_gaussian: n and radius must be positive");
  std::vector<double> g(static_cast<size_t>(n));
  for (;;) {
    double norm2 = 0;
    for (auto& v : g) {
      v = standard_normal(rng);
      norm2 += v * v;
    }
    if (norm2 <= radius * radius) return g;
  }
}

}  // namespace las::sequences
