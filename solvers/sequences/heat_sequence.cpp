// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/sequences/heat_sequence.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/core/stencil_operator.hpp"
#include "solvers/io/field_io.hpp"
#include "solvers/sequences/grid_fields.hpp"

namespace las::sequences {
namespace {

const double kPi = std::acos(-1.0);

double squared_distance(double x, double y, double z, double cx, double cy, double cz) {
  return (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
}

// StencilOperator needs κ > 0; κ(t) is exactly 0 only at t = 0 (the right-hand side
// operator of step 0). The smallest normal double leaves the operator the identity to
// rounding, which is what κ = 0 means.
double positive(double kappa) { return std::max(kappa, std::numeric_limits<double>::min()); }

}  // namespace

double HeatSequence::diffusivity(double time) {
  const double s = std::sin(2.0 * kPi * time);
  return std::max(0.1 * s, -10.0 * s);
}

HeatSequence::HeatSequence(const Comm& comm, const HeatOptions& o) : options_(o) {
  LAS_CHECK(o.dim == 2 || o.dim == 3, "heat: dim must be 2 or 3");
  LAS_CHECK(o.nx >= 2 && o.steps >= 1 && o.dt > 0, "heat: need nx >= 2, steps >= 1, dt > 0");
  const long long m = o.nx - 1;
  grid_ = std::make_unique<BoxGrid>(comm, o.dim, std::array<long long, 3>{m, m, o.dim == 3 ? m : 1}, o.procs);
  const double zc = o.dim == 3 ? 0.5 : 0.0;
  u_ = sample_on_grid(*grid_, [zc](double x, double y, double z) {
    return std::exp(-squared_distance(x, y, z, 0.5, 0.5, zc) / (2 * 0.1 * 0.1));
  }, "las::heat_u");
}

std::string HeatSequence::description() const {
  std::ostringstream s;
  s << "heat equation, Crank-Nicolson, " << grid_->description() << ", " << options_.steps
    << " steps of dt = " << options_.dt << ", kappa(t) = max(0.1 sin 2 pi t, -10 sin 2 pi t)";
  return s.str();
}

Instance HeatSequence::instance(long long t) {
  const double dt = options_.dt;
  const double t_now = static_cast<double>(t) * dt;
  const double t_next = static_cast<double>(t + 1) * dt;
  const double t_mid = 0.5 * (t_now + t_next);
  const double kappa_next = diffusivity(t_next);
  const double kappa_now = diffusivity(t_now);

  Instance inst;
  inst.a = std::make_shared<StencilOperator>(*grid_, positive(0.5 * dt * kappa_next), 1.0);
  inst.context = kappa_next;

  // b = u - ½ dt κ_n (-Δ_h u) + dt f(t_{n+½})
  const StencilOperator explicit_half(*grid_, positive(0.5 * dt * kappa_now), 0.0);
  DistVector half_laplacian_u = u_.similar("las::heat_lu");
  explicit_half.apply(u_, half_laplacian_u);
  const double angle = 16.0 * kPi * t_mid;
  const double cx = 0.5 + 0.25 * std::cos(angle);
  const double cy = 0.5 + 0.25 * std::sin(angle);
  const double cz = options_.dim == 3 ? 0.5 : 0.0;
  const DistVector f = sample_on_grid(*grid_, [&](double x, double y, double z) {
    return 32.0 * std::exp(-squared_distance(x, y, z, cx, cy, cz) / (2 * 0.05 * 0.05));
  }, "las::heat_f");
  DistVector b = u_.clone();
  axpy(-1.0, half_laplacian_u, b);
  axpy(dt, f, b);
  inst.b = std::move(b);
  inst.x0 = u_.clone();
  return inst;
}

void HeatSequence::accept(long long /*t*/, const DistVector& x) { copy(x, u_); }

void HeatSequence::save(io::OutputFile& out, const std::string& group) const {
  io::write_field(out, *grid_, group + "/u", u_);
}

void HeatSequence::restore(const std::string& file, const std::string& group) {
  u_ = io::read_field(*grid_, file, group + "/u");
}

}  // namespace las::sequences
