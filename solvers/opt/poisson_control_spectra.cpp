// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/poisson_control_spectra.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "solvers/opt/poisson_control_problem.hpp"

namespace las::opt {

void symmetric_eigenvalues_3x3(double a, double b, double c, double d, double e, double f, double out[3]) {
  const double off = d * d + e * e + f * f;
  const double q = (a + b + c) / 3.0;
  const double p2 = (a - q) * (a - q) + (b - q) * (b - q) + (c - q) * (c - q) + 2.0 * off;
  if (p2 == 0.0) {
    out[0] = out[1] = out[2] = q;
    return;
  }
  const double p = std::sqrt(p2 / 6.0);
  // B = (A − qI)/p; det(B)/2 in [−1, 1] up to rounding.
  const double ba = (a - q) / p, bb = (b - q) / p, bc = (c - q) / p, bd = d / p, be = e / p, bf = f / p;
  const double det = ba * (bb * bc - bf * bf) - bd * (bd * bc - bf * be) + be * (bd * bf - bb * be);
  const double r = std::clamp(0.5 * det, -1.0, 1.0);
  const double phi = std::acos(r) / 3.0, pi = std::acos(-1.0);
  const double largest = q + 2.0 * p * std::cos(phi);
  const double smallest = q + 2.0 * p * std::cos(phi + 2.0 * pi / 3.0);
  out[0] = smallest;
  out[1] = 3.0 * q - largest - smallest;
  out[2] = largest;
}

PoissonControlSpectra poisson_control_spectra(long long n) {
  const double h = poisson_control_spacing(n), pi = std::acos(-1.0);
  std::vector<double> one_d(static_cast<std::size_t>(n));  // 1D eigenvalues (4/h²) sin²(kπ/(2(N+1)))
  for (long long k = 1; k <= n; ++k) {
    const double s = std::sin(static_cast<double>(k) * pi / (2.0 * static_cast<double>(n + 1)));
    one_d[static_cast<std::size_t>(k - 1)] = 4.0 * s * s / (h * h);
  }
  PoissonControlSpectra s;
  const double mu_min = 2.0 * one_d.front(), mu_max = 2.0 * one_d.back();
  s.xi_g = 1.0 + mu_min * mu_min;
  s.jacobian_norm = std::sqrt(1.0 + mu_max * mu_max);
  s.hessian_norm = 1.0;
  s.hessian_min = kPoissonControlWeight;
  // Every mode, not only the extreme ones: no monotonicity in μ is assumed.
  for (double mk : one_d)
    for (double ml : one_d) {
      const double mu = mk + ml;
      double eig[3];
      symmetric_eigenvalues_3x3(1.0, kPoissonControlWeight, 0.0, 0.0, -mu, 1.0, eig);
      s.kkt_norm = std::max({s.kkt_norm, std::abs(eig[0]), std::abs(eig[2])});
    }
  return s;
}

}  // namespace las::opt
