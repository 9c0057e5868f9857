// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/ot_densities.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"

namespace las::ot {
namespace {

void check_dim_and_grid(int dim, long long grid) {
  if (dim != 1 && dim != 2)
    throw InputError("densities: dim = " + std::to_string(dim) + " (expected 1 or 2)");
  if (grid < 2) throw InputError("densities: grid = " + std::to_string(grid) + " (expected >= 2)");
}

// "" when the mixture is well formed; else what is wrong with it.
std::string mixture_error(const GaussianMixtureDensity& d, int dim) {
  std::ostringstream os;
  const size_t k = d.stds.size();
  if (k == 0) return "has no component (stds is empty)";
  if (d.means.size() != k * static_cast<size_t>(dim)) {
    os << "has " << d.means.size() << " mean coordinates, expected " << k << " components x "
       << dim << " = " << k * static_cast<size_t>(dim);
    return os.str();
  }
  if (!d.weights.empty() && d.weights.size() != k) {
    os << "has " << d.weights.size() << " weights for " << k << " components";
    return os.str();
  }
  for (size_t c = 0; c < k; ++c)
    if (!std::isfinite(d.stds[c]) || !(d.stds[c] > 0)) {
      os << "std " << d.stds[c] << " of component " << c << " is not a positive finite number";
      return os.str();
    }
  for (size_t c = 0; c < d.weights.size(); ++c)
    if (!std::isfinite(d.weights[c]) || !(d.weights[c] > 0)) {
      os << "weight " << d.weights[c] << " of component " << c << " is not a positive finite number";
      return os.str();
    }
  for (double m : d.means)
    if (!std::isfinite(m)) {
      os << "mean coordinate " << m << " is not finite";
      return os.str();
    }
  return "";
}

}  // namespace

std::vector<double> density_grid_points(int dim, long long grid) {
  check_dim_and_grid(dim, grid);
  const size_t g = static_cast<size_t>(grid), d = static_cast<size_t>(dim);
  const size_t n = d == 1 ? g : g * g;
  std::vector<double> pts(n * d);
  for (size_t i = 0; i < n; ++i) {
    // Row-major: the last coordinate varies fastest.
    size_t rest = i;
    for (size_t a = d; a-- > 0;) {
      pts[i * d + a] = (double(rest % g) + 0.5) / double(g);
      rest /= g;
    }
  }
  return pts;
}

std::vector<double> discretise_density(const GaussianMixtureDensity& density, int dim,
                                       long long grid, const std::string& name) {
  const std::vector<double> pts = density_grid_points(dim, grid);
  const std::string err = mixture_error(density, dim);
  if (!err.empty()) throw InputError(name + " density " + err);
  const size_t d = static_cast<size_t>(dim), n = pts.size() / d, k = density.stds.size();
  // log of the unnormalised mixture: log Σ_c w_c s_c^-d exp(-|x - m_c|² / (2 s_c²)).
  std::vector<double> log_w(k);
  for (size_t c = 0; c < k; ++c)
    log_w[c] = (density.weights.empty() ? 0.0 : std::log(density.weights[c])) -
               double(dim) * std::log(density.stds[c]);
  std::vector<double> log_density(n), terms(k);
  for (size_t i = 0; i < n; ++i) {
    for (size_t c = 0; c < k; ++c) {
      double r2 = 0;
      for (size_t a = 0; a < d; ++a) {
        const double t = pts[i * d + a] - density.means[c * d + a];
        r2 += t * t;
      }
      terms[c] = log_w[c] - r2 / (2 * density.stds[c] * density.stds[c]);
    }
    const double top = *std::max_element(terms.begin(), terms.end());
    double s = 0;
    for (double t : terms) s += std::exp(t - top);
    log_density[i] = top + std::log(s);
  }
  const double top = *std::max_element(log_density.begin(), log_density.end());
  double s = 0;
  for (double l : log_density) s += std::exp(l - top);
  const double log_total = top + std::log(s);
  std::vector<double> w(n);
  for (size_t i = 0; i < n; ++i) {
    w[i] = std::exp(log_density[i] - log_total);
    // A zero (or subnormal) weight would put log 0 into the potentials: say which
    // setting causes it rather than let the solver's weight check name a grid index.
    if (!(w[i] >= std::numeric_limits<double>::min())) {
      std::ostringstream os;
      os << name << " density underflows at grid point " << i << " (weight " << w[i]
         << "): a component is too narrow for this grid, or too far from [0, 1]^" << dim;
      throw InputError(os.str());
    }
  }
  return w;
}

OtCost density_cost(int p) {
  if (p == 1) return OtCost::Euclidean;
  if (p == 2) return OtCost::SquaredEuclidean;
  throw InputError("densities: p = " + std::to_string(p) + " (expected 1 or 2)");
}

OtProblem discretised_densities(const Comm& comm, const DensityPairSpec& spec) {
  const OtCost cost = density_cost(spec.p);
  const std::vector<double> pts = density_grid_points(spec.dim, spec.grid);
  const std::vector<double> r = discretise_density(spec.source, spec.dim, spec.grid, "source");
  const std::vector<double> c = discretise_density(spec.target, spec.dim, spec.grid, "target");
  long long local = 0, offset = 0;
  block_rows(static_cast<long long>(r.size()), comm, local, offset);
  const std::vector<double> rows(pts.begin() + offset * spec.dim,
                                 pts.begin() + (offset + local) * spec.dim);
  return OtProblem::points(comm, r, c, rows, pts, spec.dim, cost);
}

}  // namespace las::ot
