// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/sequences/shifted_laplacian_sequence.hpp"

#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/sequences/grid_fields.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::sequences {

ShiftedLaplacianSequence::ShiftedLaplacianSequence(const Comm& comm, const ShiftedLaplacianOptions& o)
    : options_(o) {
  LAS_CHECK(o.dim == 2 || o.dim == 3, "shifted Laplacian: dim must be 2 or 3");
  LAS_CHECK(o.n >= 1 && o.length >= 1, "shifted Laplacian: n and length must be >= 1");
  grid_ = std::make_unique<BoxGrid>(comm, o.dim, std::array<long long, 3>{o.n, o.n, o.dim == 3 ? o.n : 1});
}

std::string ShiftedLaplacianSequence::description() const {
  std::ostringstream s;
  s << "shifted Laplacian L + c I, " << grid_->description() << ", c = -0.15 + 0.6 Beta("
    << (options_.distribution == ShiftDistribution::HighVariance ? "0.5, 1.5" : "2, 6") << "), "
    << options_.length << " instances";
  return s.str();
}

double ShiftedLaplacianSequence::shift(long long t) const {
  learning::Rng rng(instance_seed(options_.seed, t));
  const bool high = options_.distribution == ShiftDistribution::HighVariance;
  return -0.15 + 0.6 * (high ? beta(rng, 0.5, 1.5) : beta(rng, 2.0, 6.0));
}

Instance ShiftedLaplacianSequence::instance(long long t) {
  // One stream per instance: the shift first, then b, so both are pure functions of t.
  learning::Rng rng(instance_seed(options_.seed, t));
  const bool high = options_.distribution == ShiftDistribution::HighVariance;
  const double c = -0.15 + 0.6 * (high ? beta(rng, 0.5, 1.5) : beta(rng, 2.0, 6.0));
  const long long n = grid_->global_cells();
  const std::vector<double> b = truncated_gaussian(rng, n, std::sqrt(static_cast<double>(n)));

  Instance inst;
  // κ = h² makes the scaled stencil κ/h² exactly the unscaled delsq stencil 4/-1.
  const double h = 1.0 / static_cast<double>(options_.n + 1);
  inst.a = std::make_shared<StencilOperator>(*grid_, h * h, c);
  inst.b = scatter_natural(*grid_, b, "las::sequence_b");
  inst.x0 = inst.b.similar("las::sequence_x0");
  inst.context = c;
  inst.young_omega = young_omega_shifted_laplacian(options_.dim, options_.n, c);
  return inst;
}

double young_omega_shifted_laplacian(int dim, long long n, double shift) {
  const double pi = std::acos(-1.0);
  const double h = 1.0 / static_cast<double>(n + 1);
  const double beta = 2.0 * dim * std::cos(pi * h) / (2.0 * dim + shift);
  if (!(beta < 1.0)) return NAN;  // not positive definite with a convergent Jacobi: no optimum
  return 2.0 / (1.0 + std::sqrt(1.0 - beta * beta));
}

}  // namespace las::sequences
