// SPDX-License-Identifier: BSD-3-Clause
// Tsallis-INF-CB ("Learning to Relax", learners/TsallisINFCB.m): the context interval
// is cut into equal bins and an independent Tsallis-INF learns in each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"
#include "solvers/learning/tsallis_inf.hpp"

namespace las::learning {

/// "tsallis-inf-cb": [a, b] split into `bins` equal bins with centres
/// a + (b − a)(j + ½)/bins; a context goes to the nearest centre (ties to the lower
/// bin, as MATLAB's min); contexts outside [a, b] therefore land in the end bins.
class BinnedTsallisInf final : public Policy {
 public:
  /// las::ConfigError for empty/non-finite arms, a non-finite or empty interval
  /// (context_max <= context_min) or bins < 1. Bin j's learner is seeded with the
  /// j-th splitmix64 output of `seed`, so the bins draw independent streams.
  BinnedTsallisInf(std::vector<double> arms, std::uint64_t seed, double context_min,
                   double context_max, int bins = 5);

  std::string name() const override { return "tsallis-inf-cb"; }
  /// las::Error for a NaN context.
  int choose(double context) override;
  void update(double cost) override;
  /// The distribution of the bin used by the last choose() (uniform before any).
  const std::vector<double>& probabilities() const override;
  const std::vector<double>& arms() const override { return arms_; }
  long long rounds() const override { return rounds_; }
  StateRecord save() const override;
  void restore(const StateRecord& state) override;

  /// The bin whose learner handles `context`.
  int bin_of(double context) const;
  /// Centre of bin j.
  double bin_centre(int j) const;
  int bins() const { return static_cast<int>(learners_.size()); }
  /// The learner of bin j.
  const TsallisInf& learner(int j) const { return learners_.at(static_cast<size_t>(j)); }

 private:
  std::vector<double> arms_;
  double a_, b_;
  std::vector<TsallisInf> learners_;
  std::vector<double> uniform_;
  long long rounds_ = 0;
  int last_bin_ = -1;  ///< bin of the last choose(), -1 before any
  bool pending_ = false;
};

}  // namespace las::learning
