// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/tsallis_inf.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "solvers/core/error.hpp"
#include "solvers/learning/detail/state_fields.hpp"

namespace las::learning {

std::vector<double> tsallis_probabilities(const std::vector<double>& scaled_losses, double eta,
                                          double* normaliser) {
  const size_t d = scaled_losses.size();
  LAS_CHECK(d > 0, "tsallis_probabilities: no arms");
  LAS_CHECK(eta > 0.0 && std::isfinite(eta), "tsallis_probabilities: eta = " << eta);
  const double k_min = *std::min_element(scaled_losses.begin(), scaled_losses.end());
  LAS_CHECK(std::isfinite(k_min), "tsallis_probabilities: no finite loss (min " << k_min << ")");

  // Solve in s = η (min k − x)/2 with δ_i = η (k_i − min k)/2 >= 0, so that
  // p_i = 1/(δ_i + s)². δ_i is computed without cancellation (x never appears), and
  // g(s) = Σ 1/(δ_i + s)² − 1 is convex and decreasing on the bracket [1, √d]
  // (g(1) >= 0 from the best arm's term, g(√d) <= 0 since every term <= 1/d).
  std::vector<double> delta(d);
  for (size_t i = 0; i < d; ++i) delta[i] = 0.5 * eta * (scaled_losses[i] - k_min);
  double lo = 1.0, hi = std::sqrt(static_cast<double>(d));
  double s = lo;  // Newton from the left end never overshoots a convex decreasing g
  for (int iteration = 0; iteration < 200; ++iteration) {
    double g = -1.0, dg = 0.0;
    for (double di : delta) {
      const double z = 1.0 / (di + s);  // 0 for an infinite loss
      g += z * z;
      dg -= 2.0 * z * z * z;
    }
    if (g == 0.0) break;
    (g > 0.0 ? lo : hi) = s;
    double next = s - g / dg;
    // Safeguard: rounding (or a flat g) can push a Newton step outside the bracket.
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const bool converged = std::abs(next - s) <= 2.0 * std::numeric_limits<double>::epsilon() * s;
    s = next;
    if (converged || hi - lo <= 2.0 * std::numeric_limits<double>::epsilon() * hi) break;
  }
  std::vector<double> p(d);
  double total = 0.0;
  for (size_t i = 0; i < d; ++i) {
    const double z = 1.0 / (delta[i] + s);
    p[i] = z * z;
    total += p[i];
  }
  // Σp is 1 to a few ulps here; dividing removes that last rounding residue.
  for (double& pi : p) pi /= total;
  if (normaliser != nullptr) *normaliser = k_min - 2.0 * s / eta;
  return p;
}

TsallisInf::TsallisInf(std::vector<double> arms, std::uint64_t seed, LossEstimator estimator)
    : arms_(std::move(arms)), estimator_(estimator), rng_(seed) {
  if (arms_.empty()) throw ConfigError("tsallis-inf: the arm grid is empty");
  for (double a : arms_) {
    if (!std::isfinite(a)) {
      throw ConfigError("tsallis-inf: arm value " + std::to_string(a) + " is not finite");
    }
  }
  k_.assign(arms_.size(), 0.0);
  p_.assign(arms_.size(), 1.0 / static_cast<double>(arms_.size()));
}

double TsallisInf::learning_rate(double t) const {
  return (estimator_ == LossEstimator::reduced_variance ? 4.0 : 2.0) / std::sqrt(t);
}

int TsallisInf::choose(double /*context*/) {
  const double eta = learning_rate(static_cast<double>(rounds_ + 1));
  std::vector<double> scaled(k_.size());
  for (size_t i = 0; i < k_.size(); ++i) scaled[i] = k_[i] / scale_;
  p_ = tsallis_probabilities(scaled, eta);
  pending_ = rng_.categorical(p_);
  return pending_;
}

void TsallisInf::update(double cost) {
  LAS_CHECK(pending_ >= 0, "tsallis-inf: update() without a preceding choose()");
  LAS_CHECK(std::isfinite(cost), "tsallis-inf: the cost " << cost << " is not finite");
  const double loss = std::max(cost, 1.0);
  ++rounds_;
  loss_sum_ += loss;
  scale_ = loss_sum_ / static_cast<double>(rounds_) - 1.0;
  if (!(scale_ > 0.0)) scale_ = 1.0;
  const size_t played = static_cast<size_t>(pending_);
  // This round's η (rounds_ counts it now), for the baseline's p_i ≥ η² test.
  const double eta = learning_rate(static_cast<double>(rounds_));
  const bool reduced_variance = estimator_ == LossEstimator::reduced_variance;
  const double big = std::numeric_limits<double>::max();
  for (size_t i = 0; i < k_.size(); ++i) {
    const double baseline = reduced_variance && p_[i] >= eta * eta ? 0.5 * scale_ : 0.0;
    double estimate = baseline;
    // p_i > 0 since the played arm was drawn.
    if (i == played) estimate += (loss - 1.0 - baseline) / p_[i];
    // Saturate rather than overflow to ±inf: an inf − inf in the next normalisation
    // would poison every probability.
    k_[i] = std::clamp(k_[i] + estimate, -big, big);
  }
  pending_ = -1;
}

StateRecord TsallisInf::save() const {
  StateRecord r;
  r.kind = name();
  r.reals["arms"] = arms_;
  r.reals["cumulative_loss"] = k_;
  r.reals["probabilities"] = p_;
  r.reals["loss_sum"] = {loss_sum_};
  r.reals["scale"] = {scale_};
  r.integers["rounds"] = {rounds_};
  r.integers["pending"] = {pending_};
  const Rng::State& w = rng_.state();
  r.words["rng"] = std::vector<std::uint64_t>(w.begin(), w.end());
  return r;
}

void TsallisInf::restore(const StateRecord& state) {
  detail::check_kind(state, name());
  detail::check_arms(state, arms_);
  const size_t d = arms_.size();
  // Read everything before assigning: a bad record leaves the policy unchanged.
  const auto& k = detail::reals(state, "cumulative_loss", d);
  const auto& p = detail::reals(state, "probabilities", d);
  const double loss_sum = detail::real(state, "loss_sum");
  const double scale = detail::real(state, "scale");
  const std::int64_t rounds = detail::integer(state, "rounds");
  const std::int64_t pending = detail::integer(state, "pending");
  const Rng::State words = detail::rng_state(state, "rng");
  if (rounds < 0 || pending < -1 || pending >= static_cast<std::int64_t>(d) || !(scale > 0.0)) {
    throw InputError("state of 'tsallis-inf': inconsistent rounds/pending/scale");
  }
  k_ = k;
  p_ = p;
  loss_sum_ = loss_sum;
  scale_ = scale;
  rounds_ = rounds;
  pending_ = static_cast<int>(pending);
  rng_.set_state(words);
}

}  // namespace las::learning
