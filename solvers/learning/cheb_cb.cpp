// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/cheb_cb.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "solvers/core/error.hpp"
#include "solvers/learning/chebyshev.hpp"
#include "solvers/learning/detail/state_fields.hpp"
#include "solvers/learning/small_lsq.hpp"

namespace las::learning {
namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

double dot(const double* a, const std::vector<double>& b) {
  double s = 0.0;
  for (size_t j = 0; j < b.size(); ++j) s += a[j] * b[j];
  return s;
}

}  // namespace

ChebCb::ChebCb(std::vector<double> arms, std::uint64_t seed, double context_min, double context_max,
               int degree)
    : arms_(std::move(arms)),
      a_(context_min),
      b_(context_max),
      m_(degree + 1),
      d_(arms_.size()),
      rng_(seed) {
  if (arms_.empty()) throw ConfigError("chebcb: the arm grid is empty");
  for (double a : arms_) {
    if (!std::isfinite(a))
      throw ConfigError("chebcb: arm value " + std::to_string(a) + " is not finite");
  }
  if (!(std::isfinite(a_) && std::isfinite(b_) && b_ > a_)) {
    throw ConfigError("chebcb: context interval [" + std::to_string(a_) + ", " +
                      std::to_string(b_) + "] must be finite with context_max > context_min");
  }
  if (degree < 0)
    throw ConfigError("chebcb: chebyshev_degree = " + std::to_string(degree) + " must be >= 0");
  const size_t m = static_cast<size_t>(m_);
  gram_.assign(d_ * m * m, 0.0);
  moment_.assign(d_ * m, 0.0);
  squares_.assign(d_, 0.0);
  count_.assign(d_, 0);
  theta_free_.assign(d_ * m, 0.0);
  theta_.assign(d_ * m, 0.0);
  residual_.assign(d_, 0.0);
  phi_.assign(m, 0.0);
  p_.assign(d_, 1.0 / static_cast<double>(d_));
}

double ChebCb::scale() const {
  if (rounds_ == 0) return 1.0;
  const double k = loss_max_;  // >= 1: costs are clipped
  const double lipschitz = (loss_max_ - loss_min_) / (b_ - a_);
  const double n =
      2.0 + 4.0 * (b_ - a_) * lipschitz / k * (1.0 + std::log(static_cast<double>(m_)));
  return k * n;
}

// The notes' box |θ_0| <= 1/N, |θ_j| <= 2(b − a)L/(scale·j) times scale: K·N/N = K and
// 2(b − a)L/j = 2(max ℓ − min ℓ)/j. Raw units make it independent of N and scale.
std::vector<double> ChebCb::raw_box() const {
  std::vector<double> box(static_cast<size_t>(m_));
  box[0] = loss_max_;
  for (int j = 1; j < m_; ++j) box[static_cast<size_t>(j)] = 2.0 * (loss_max_ - loss_min_) / j;
  return box;
}

std::vector<double> ChebCb::box() const {
  std::vector<double> box = raw_box();
  const double s = scale();
  for (double& v : box) v /= s;
  return box;
}

std::vector<double> ChebCb::coefficients(int arm) const {
  LAS_CHECK(arm >= 0 && static_cast<size_t>(arm) < d_, "chebcb: arm " << arm << " out of range");
  const size_t m = static_cast<size_t>(m_);
  std::vector<double> theta(theta_.begin() + static_cast<std::ptrdiff_t>(arm * m),
                            theta_.begin() + static_cast<std::ptrdiff_t>((arm + 1) * m));
  const double s = scale();
  for (double& v : theta) v /= s;
  return theta;
}

double ChebCb::learning_rate() const {
  if (rounds_ == 0) return 0.0;  // no data: every prediction is 0, p is uniform anyway
  const double t = static_cast<double>(rounds_);
  const double s = scale();
  const double mm = static_cast<double>(m_);
  const double alpha = (kPi + 2.0 / kPi * std::log(2.0 * mm + 1.0)) / (2.0 * s * (mm + 1.0)) *
                       (loss_max_ - loss_min_);
  double resnorm = 0.0;
  for (double r : residual_) resnorm += r;
  double denominator = std::max(squared_error_ - resnorm, 0.0) / (s * s) + 2.0 * alpha * alpha * t;
  denominator = std::max(denominator, std::numeric_limits<double>::min());
  // √(d t)/√denominator, not √(d t/denominator): the quotient overflows for a floored
  // denominator, the square roots (>= 1.5e-154) do not.
  return 2.0 * t * std::sqrt(static_cast<double>(d_) * t) / std::sqrt(denominator);
}

double ChebCb::raw_prediction(size_t arm, const std::vector<double>& phi) const {
  return dot(theta_.data() + arm * static_cast<size_t>(m_), phi);
}

int ChebCb::choose(double context) {
  const std::vector<double> phi = chebyshev_features(chebyshev_coordinate(context, a_, b_), m_);
  std::vector<double> y(d_);
  size_t best = 0;
  for (size_t i = 0; i < d_; ++i) {
    y[i] = raw_prediction(i, phi);
    if (y[i] < y[best]) best = i;
  }
  const double eta = learning_rate();
  const double s = scale();
  double others = 0.0;
  for (size_t i = 0; i < d_; ++i) {
    if (i == best) continue;
    // gap >= 0, so p_i <= 1/d and the greedy arm keeps at least 1/d. A tie gets 1/d
    // without multiplying: η may be huge, and η·0 must not become inf·0.
    const double gap = (y[i] - y[best]) / s;
    p_[i] = gap > 0.0 ? 1.0 / (static_cast<double>(d_) + eta * gap) : 1.0 / static_cast<double>(d_);
    others += p_[i];
  }
  p_[best] = 1.0 - others;
  pending_ = rng_.categorical(p_);
  prediction_ = y[static_cast<size_t>(pending_)];
  phi_ = phi;
  return pending_;
}

void ChebCb::fit(size_t arm) {
  const size_t m = static_cast<size_t>(m_);
  const std::vector<double> g(gram_.begin() + static_cast<std::ptrdiff_t>(arm * m * m),
                              gram_.begin() + static_cast<std::ptrdiff_t>((arm + 1) * m * m));
  const std::vector<double> h(moment_.begin() + static_cast<std::ptrdiff_t>(arm * m),
                              moment_.begin() + static_cast<std::ptrdiff_t>((arm + 1) * m));
  std::vector<double> theta(theta_free_.begin() + static_cast<std::ptrdiff_t>(arm * m),
                            theta_free_.begin() + static_cast<std::ptrdiff_t>((arm + 1) * m));
  const std::vector<double> box = raw_box();
  bool outside = false;
  for (size_t j = 0; j < m; ++j) outside = outside || std::abs(theta[j]) > box[j];
  if (outside) {
    std::vector<double> lo(m);
    for (size_t j = 0; j < m; ++j) lo[j] = -box[j];
    theta = box_least_squares(g, h, lo, box, theta, m_);
  }
  // ‖Φθ − y‖² = θᵀGθ − 2θᵀh + Σy² from the statistics; clamped at 0 against cancellation.
  double quadratic = 0.0;
  for (size_t i = 0; i < m; ++i)
    quadratic += theta[i] * (dot(g.data() + i * m, theta) - 2.0 * h[i]);
  residual_[arm] = std::max(0.0, quadratic + squares_[arm]);
  std::copy(theta.begin(), theta.end(), theta_.begin() + static_cast<std::ptrdiff_t>(arm * m));
}

void ChebCb::update(double cost) {
  LAS_CHECK(pending_ >= 0, "chebcb: update() without a preceding choose()");
  LAS_CHECK(std::isfinite(cost), "chebcb: the cost " << cost << " is not finite");
  const double loss = std::max(cost, 1.0);
  const double y = loss - 1.0;
  const size_t arm = static_cast<size_t>(pending_);
  const size_t m = static_cast<size_t>(m_);
  squared_error_ += (prediction_ - y) * (prediction_ - y);
  double* g = gram_.data() + arm * m * m;
  double* h = moment_.data() + arm * m;
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < m; ++j) g[i * m + j] += phi_[i] * phi_[j];
    h[i] += phi_[i] * y;
  }
  squares_[arm] += y * y;
  ++count_[arm];

  const bool rescaled = rounds_ == 0 || loss > loss_max_ || loss < loss_min_;
  loss_max_ = rounds_ == 0 ? loss : std::max(loss_max_, loss);
  loss_min_ = rounds_ == 0 ? loss : std::min(loss_min_, loss);
  ++rounds_;

  // Only this arm's data changed: its unconstrained fit is the one to recompute.
  const std::vector<double> g_arm(g, g + m * m), h_arm(h, h + m);
  const std::vector<double> free = min_norm_solve(g_arm, h_arm, m_);
  std::copy(free.begin(), free.end(), theta_free_.begin() + static_cast<std::ptrdiff_t>(arm * m));
  // A new scale moves the box: every arm re-checks its (unchanged) free fit against it.
  for (size_t i = 0; i < d_; ++i) {
    if (i == arm || (rescaled && count_[i] > 0)) fit(i);
  }
  pending_ = -1;
}

StateRecord ChebCb::save() const {
  StateRecord r;
  r.kind = name();
  r.reals["arms"] = arms_;
  r.reals["context_range"] = {a_, b_};
  r.reals["gram"] = gram_;
  r.reals["moment"] = moment_;
  r.reals["squares"] = squares_;
  r.reals["theta_free"] = theta_free_;
  r.reals["theta"] = theta_;
  r.reals["residual"] = residual_;
  r.reals["loss_range"] = {loss_max_, loss_min_};
  r.reals["squared_error"] = {squared_error_};
  r.reals["features"] = phi_;
  r.reals["prediction"] = {prediction_};
  r.reals["probabilities"] = p_;
  r.integers["counts"] = count_;
  r.integers["rounds"] = {rounds_};
  r.integers["pending"] = {pending_};
  r.integers["degree"] = {m_ - 1};
  const Rng::State& w = rng_.state();
  r.words["rng"] = std::vector<std::uint64_t>(w.begin(), w.end());
  return r;
}

void ChebCb::restore(const StateRecord& state) {
  detail::check_kind(state, name());
  detail::check_arms(state, arms_);
  if (detail::reals(state, "context_range", 2) != std::vector<double>{a_, b_} ||
      detail::integer(state, "degree") != m_ - 1) {
    throw InputError(
        "state of 'chebcb': its context interval or Chebyshev degree differs from "
        "the configured one");
  }
  const size_t m = static_cast<size_t>(m_);
  // Copy into a fresh object first: a bad record leaves this policy unchanged.
  ChebCb next = *this;
  next.gram_ = detail::reals(state, "gram", d_ * m * m);
  next.moment_ = detail::reals(state, "moment", d_ * m);
  next.squares_ = detail::reals(state, "squares", d_);
  next.theta_free_ = detail::reals(state, "theta_free", d_ * m);
  next.theta_ = detail::reals(state, "theta", d_ * m);
  next.residual_ = detail::reals(state, "residual", d_);
  const auto& range = detail::reals(state, "loss_range", 2);
  next.loss_max_ = range[0];
  next.loss_min_ = range[1];
  next.squared_error_ = detail::real(state, "squared_error");
  next.phi_ = detail::reals(state, "features", m);
  next.prediction_ = detail::real(state, "prediction");
  next.p_ = detail::reals(state, "probabilities", d_);
  next.count_ = detail::integers(state, "counts", d_);
  next.rounds_ = detail::integer(state, "rounds");
  const std::int64_t pending = detail::integer(state, "pending");
  next.rng_.set_state(detail::rng_state(state, "rng"));
  if (next.rounds_ < 0 || pending < -1 || pending >= static_cast<std::int64_t>(d_) ||
      (next.rounds_ > 0 && !(next.loss_min_ >= 1.0 && next.loss_max_ >= next.loss_min_))) {
    throw InputError("state of 'chebcb': inconsistent rounds/pending/loss range");
  }
  next.pending_ = static_cast<int>(pending);
  *this = std::move(next);
}

}  // namespace las::learning
