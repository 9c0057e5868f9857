// SPDX-License-Identifier: BSD-3-Clause
// ChebCB ("Learning to Relax", §2.3; learners/ChebCB.m): SquareCB-style contextual
// bandit whose per-arm regression oracle is a Chebyshev series in the context.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"
#include "solvers/learning/rng.hpp"

namespace las::learning {

/// "chebcb". For context c, u = 2(c − a)/(b − a) − 1 (clamped to [−1, 1]) and
/// φ = (T_0(u), ..., T_{m−1}(u)), m = degree + 1. Arm i predicts the normalised cost
/// (ℓ − 1)/scale by θ_i·φ, scale = K·N with K = max ℓ, L = (max ℓ − min ℓ)/(b − a),
/// N = 2 + 4(b − a)L/K·(1 + ln m); θ_i is the minimum-norm least-squares fit on arm i's
/// history, re-solved inside the box |θ_0| <= 1/N, |θ_j| <= 2(b − a)L/(scale·j) when a
/// coefficient leaves it. Choice by inverse-gap weighting: p_i = 1/(d + η(ŷ_i − ŷ*))
/// for i ≠ i* = argmin ŷ (lowest index on ties), the rest to i*;
/// η = 2t√(d t/(R − resnorm + 2α²t)), α = (π + (2/π) ln(2m + 1))(b − a)L/(2·scale·(m + 1)),
/// t = completed rounds, η = 0 (uniform) before the first.
///
/// Implementation (see the .cpp for the reasoning):
/// - Everything is kept in raw cost units (targets ℓ − 1). Per arm the sufficient
///   statistics Σφφᵀ, Σφ(ℓ − 1), Σ(ℓ − 1)² and the count; θ_raw = scale·θ. The box in
///   raw units is |θ_0| <= K, |θ_j| <= 2(max ℓ − min ℓ)/j, so a change of scale changes
///   neither the data nor the unconstrained fit: only arms whose fit leaves the new box
///   are re-solved. Each update is O(d m³), independent of t.
/// - R is Σ (ŷ_raw − (ℓ − 1))² over past rounds (the raw prediction made at the time
///   against the raw target), resnorm the sum over arms of their fits' residuals, both
///   divided by the current scale². (ChebCB.m compares old-scale predictions with ℓ/scale
///   and uses only the last box-constrained arm's residual: we use the consistent form.)
/// - Costs are clipped to >= 1 (K >= 1, so N and scale are defined). Arms without data
///   have θ = 0 (the minimum-norm fit of no data), i.e. an optimistic prediction of the
///   least possible cost, so they are explored first.
/// - R − resnorm is clamped at 0 (rescaling can make it slightly negative), and a zero
///   denominator (every loss so far equal and predicted exactly) is floored at the
///   smallest normal double: η is then huge but finite, p_i ≈ 0 off the greedy arm and
///   exactly 1/d for arms tied with it (η·0 stays 0, no inf·0 = NaN).
class ChebCb final : public Policy {
 public:
  /// las::ConfigError for empty/non-finite arms, a non-finite or empty interval
  /// (context_max <= context_min) or degree < 0.
  ChebCb(std::vector<double> arms, std::uint64_t seed, double context_min, double context_max,
         int degree = 5);

  std::string name() const override { return "chebcb"; }
  /// las::Error for a NaN context.
  int choose(double context) override;
  void update(double cost) override;
  const std::vector<double>& probabilities() const override { return p_; }
  const std::vector<double>& arms() const override { return arms_; }
  long long rounds() const override { return rounds_; }
  StateRecord save() const override;
  void restore(const StateRecord& state) override;

  /// m = degree + 1.
  int features() const { return m_; }
  /// K·N (1 before any data).
  double scale() const;
  /// θ_i in the normalised units of the notes (θ_raw/scale).
  std::vector<double> coefficients(int arm) const;
  /// The box bounds on θ_i (normalised units): |θ_j| <= box[j].
  std::vector<double> box() const;
  /// The learning rate the next choose() uses.
  double learning_rate() const;

 private:
  double raw_prediction(size_t arm, const std::vector<double>& phi) const;
  void fit(size_t arm);
  std::vector<double> raw_box() const;

  std::vector<double> arms_;
  double a_, b_;
  int m_;
  size_t d_;
  std::vector<double> gram_;         ///< d × m × m: Σ φφᵀ per arm
  std::vector<double> moment_;       ///< d × m: Σ φ(ℓ − 1)
  std::vector<double> squares_;      ///< d: Σ (ℓ − 1)²
  std::vector<std::int64_t> count_;  ///< d: rounds per arm
  std::vector<double> theta_free_;   ///< d × m: unconstrained minimum-norm raw fit
  std::vector<double> theta_;        ///< d × m: the raw fit in use (boxed when needed)
  std::vector<double> residual_;     ///< d: Σ (θ_raw·φ − (ℓ − 1))² of the fit in use
  double loss_max_ = 0.0, loss_min_ = 0.0;
  double squared_error_ = 0.0;  ///< R in raw units
  std::vector<double> phi_;     ///< features of the pending choice
  double prediction_ = 0.0;     ///< raw prediction of the pending arm
  std::vector<double> p_;
  long long rounds_ = 0;
  int pending_ = -1;
  Rng rng_;
};

}  // namespace las::learning
