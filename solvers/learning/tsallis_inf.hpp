// SPDX-License-Identifier: BSD-3-Clause
// Tsallis-INF (Zimmert & Seldin 2021) as used by "Learning to Relax" (Khodak et al.,
// ICLR 2024, learners/TsallisINF.m): ½-Tsallis entropy regulariser, η_t = 2/√t,
// importance-weighted losses shifted by 1 and normalised by a data-adaptive scale.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"
#include "solvers/learning/rng.hpp"

namespace las::learning {

/// The ½-Tsallis-INF distribution p_i = 4 / (η (k_i − x))², x < min k, with x chosen
/// so that Σ p_i = 1. `scaled_losses` are the k_i (cumulative loss estimates divided
/// by the scale), finite or +inf (probability 0), at least one finite; η > 0.
/// x lies in [min k − 2√d/η, min k − 2/η] (there the largest term is ≤ 1 and ≥ 1/d
/// respectively): safeguarded Newton on that bracket, bisection when a step leaves it,
/// to machine precision; `normaliser` (optional) receives x.
std::vector<double> tsallis_probabilities(const std::vector<double>& scaled_losses, double eta,
                                          double* normaliser = nullptr);

/// How Tsallis-INF estimates the losses of the arms it did not play.
enum class LossEstimator {
  /// The paper's (TsallisINF.m): the played arm's loss divided by its probability.
  importance_weighted,
  /// Zimmert & Seldin's (JMLR 2021) reduced-variance estimator, as in PCGBandit's
  /// TsallisINF.H: with η_t = 4/√t, every arm with p_i ≥ η_t² gets the baseline
  /// B = ½ (scaled units) and the played arm (ℓ − B)/p_i on top. The baseline cancels
  /// in expectation but removes most of the 1/p variance of the arms already favoured.
  reduced_variance,
};

/// Non-contextual Tsallis-INF over a fixed arm grid ("tsallis-inf", or
/// "tsallis-inf-rv" with the reduced-variance estimator).
///
/// Round t: η = 2/√t (4/√t reduced-variance), p from tsallis_probabilities(K / scale,
/// η), one arm sampled. Update with cost ℓ: ℓ ← max(ℓ, 1) (a warm-started solve may
/// take 0 iterations; every solve costs at least 1, and the estimator below assumes
/// it), then scale ← mean(ℓ so far) − 1 and K_chosen += (ℓ − 1)/p_chosen. scale is 0
/// when every loss so far was 1; then all K are 0 too, and scale = 1 is used (any
/// positive value gives the same, uniform, distribution). K is kept in cost units, so
/// the reduced-variance baseline ½ (scaled units) enters as ½·scale of that round.
class TsallisInf final : public Policy {
 public:
  /// `arms` non-empty and finite (las::ConfigError otherwise).
  TsallisInf(std::vector<double> arms, std::uint64_t seed,
             LossEstimator estimator = LossEstimator::importance_weighted);

  std::string name() const override {
    return estimator_ == LossEstimator::reduced_variance ? "tsallis-inf-rv" : "tsallis-inf";
  }
  int choose(double context) override;
  void update(double cost) override;
  const std::vector<double>& probabilities() const override { return p_; }
  const std::vector<double>& arms() const override { return arms_; }
  long long rounds() const override { return rounds_; }
  StateRecord save() const override;
  void restore(const StateRecord& state) override;

  /// The importance-weighted cumulative losses K_i (in cost units minus 1).
  const std::vector<double>& cumulative_losses() const { return k_; }
  /// The normalisation K is divided by (mean loss − 1, or 1; see the class comment).
  double scale() const { return scale_; }

 private:
  /// η_t at round t (1-based) for this estimator.
  double learning_rate(double t) const;

  std::vector<double> arms_;
  LossEstimator estimator_;
  std::vector<double> k_;
  std::vector<double> p_;
  double loss_sum_ = 0.0;
  double scale_ = 1.0;
  long long rounds_ = 0;
  int pending_ = -1;  ///< the arm of a choose() not yet updated, or -1
  Rng rng_;
};

}  // namespace las::learning
