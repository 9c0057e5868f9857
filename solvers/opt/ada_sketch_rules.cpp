// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/ada_sketch_rules.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace las::opt {

StepScales step_scales(double kkt_norm, double b_norm, double xi_g, double jacobian_norm, double hessian_norm,
                       double xi_b) {
  StepScales s;
  s.kkt_norm = kkt_norm;
  s.psi = 20.0 * std::max(b_norm * b_norm, 1.0) / (std::min(xi_g, 1.0) * std::min(xi_b, 1.0));
  s.upsilon = std::max({jacobian_norm, hessian_norm, 1.0});
  return s;
}

double delta_trial(const StepScales& s, const Penalties& eta, double beta) {
  return (0.5 - beta) * eta.eta2 / ((1.0 + eta.eta1 + eta.eta2) * s.upsilon * s.upsilon * s.psi * s.psi);
}

double step_delta(double delta, const StepScales& s, const Penalties& eta, const AdaSketchOptions& o) {
  return std::max(std::min(delta, delta_trial(s, eta, o.beta)), o.delta_floor);
}

double inner_tolerance(const StepScales& s, double delta, double kkt, const AdaSketchOptions& o) {
  return o.theta * delta * kkt / (s.kkt_norm * s.psi);
}

bool accept_direction(double slope, double kkt, const Penalties& eta, const AdaSketchOptions& o) {
  const bool descent = slope <= -0.5 * eta.eta2 * kkt * kkt;
  return descent || eta.eta1 > o.eta1_max || eta.eta2 < o.eta2_min;
}

void grow_penalties(Penalties& eta, double& delta, const StepScales& s, const AdaSketchOptions& o) {
  eta.eta1 *= o.nu * o.nu;
  eta.eta2 /= o.nu;
  delta = std::max(std::min(delta / std::pow(o.nu, 4), delta_trial(s, eta, o.beta)), o.delta_floor);
}

ArmijoResult armijo_backtrack(double merit0, double slope, const AdaSketchOptions& o,
                              const std::function<double(double)>& merit_at) {
  ArmijoResult r;
  for (int k = 0; k < o.max_backtracks; ++k, r.alpha *= 0.5) {
    const double trial = merit_at(r.alpha);
    r.last_trial_nan = std::isnan(trial);
    r.accepted = !r.last_trial_nan && trial <= merit0 + r.alpha * o.beta * slope;
    if (r.accepted) break;
  }
  return r;
}

std::string stop_message(OptReason reason, int iterations, double kkt, double detail) {
  std::ostringstream os;
  os << to_string(reason) << " after " << iterations << " iterations, KKT residual " << kkt;
  if (reason == OptReason::RankDeficientJacobian) os << " (lambda_min(J J^T) = " << detail << ")";
  if (reason == OptReason::LineSearchFailure) os << " (directional derivative " << detail << ")";
  return os.str();
}

}  // namespace las::opt
