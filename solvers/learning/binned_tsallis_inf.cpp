// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/binned_tsallis_inf.hpp"

#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/learning/detail/state_fields.hpp"

namespace las::learning {
namespace {

std::string bin_prefix(int j) { return "bin" + std::to_string(j) + "."; }

}  // namespace

BinnedTsallisInf::BinnedTsallisInf(std::vector<double> arms, std::uint64_t seed, double context_min,
                                   double context_max, int bins)
    : arms_(std::move(arms)), a_(context_min), b_(context_max) {
  if (!(std::isfinite(a_) && std::isfinite(b_) && b_ > a_)) {
    throw ConfigError("tsallis-inf-cb: context interval [" + std::to_string(a_) + ", " +
                      std::to_string(b_) + "] must be finite with context_max > context_min");
  }
  if (bins < 1)
    throw ConfigError("tsallis-inf-cb: bins = " + std::to_string(bins) + " must be >= 1");
  learners_.reserve(static_cast<size_t>(bins));
  for (int j = 0; j < bins; ++j) learners_.emplace_back(arms_, splitmix64(seed));
  uniform_.assign(arms_.size(), 1.0 / static_cast<double>(arms_.size()));
}

double BinnedTsallisInf::bin_centre(int j) const {
  const double m = static_cast<double>(learners_.size());
  return a_ + (b_ - a_) * ((static_cast<double>(j) + 0.5) / m);
}

int BinnedTsallisInf::bin_of(double context) const {
  LAS_CHECK(!std::isnan(context), "tsallis-inf-cb: the context is NaN");
  // A linear scan over the (few) centres with a strict '<' reproduces MATLAB's
  // [~, i] = min(abs(disc - c)) exactly, ties included.
  int best = 0;
  double best_distance = std::abs(bin_centre(0) - context);
  for (int j = 1; j < bins(); ++j) {
    const double distance = std::abs(bin_centre(j) - context);
    if (distance < best_distance) {
      best = j;
      best_distance = distance;
    }
  }
  return best;
}

int BinnedTsallisInf::choose(double context) {
  last_bin_ = bin_of(context);
  pending_ = true;
  return learners_[static_cast<size_t>(last_bin_)].choose(context);
}

void BinnedTsallisInf::update(double cost) {
  LAS_CHECK(pending_, "tsallis-inf-cb: update() without a preceding choose()");
  learners_[static_cast<size_t>(last_bin_)].update(cost);
  pending_ = false;
  ++rounds_;
}

const std::vector<double>& BinnedTsallisInf::probabilities() const {
  return last_bin_ < 0 ? uniform_ : learners_[static_cast<size_t>(last_bin_)].probabilities();
}

StateRecord BinnedTsallisInf::save() const {
  StateRecord r;
  r.kind = name();
  r.reals["arms"] = arms_;
  r.reals["context_range"] = {a_, b_};
  r.integers["rounds"] = {rounds_};
  r.integers["last_bin"] = {last_bin_};
  r.integers["pending"] = {pending_ ? 1 : 0};
  r.integers["bins"] = {bins()};
  for (int j = 0; j < bins(); ++j) {
    detail::merge_prefixed(r, learners_[static_cast<size_t>(j)].save(), bin_prefix(j));
  }
  return r;
}

void BinnedTsallisInf::restore(const StateRecord& state) {
  detail::check_kind(state, name());
  detail::check_arms(state, arms_);
  if (detail::reals(state, "context_range", 2) != std::vector<double>{a_, b_} ||
      detail::integer(state, "bins") != bins()) {
    throw InputError(
        "state of 'tsallis-inf-cb': its context interval or bin count differs "
        "from the configured one");
  }
  const std::int64_t rounds = detail::integer(state, "rounds");
  const std::int64_t last_bin = detail::integer(state, "last_bin");
  const std::int64_t pending = detail::integer(state, "pending");
  if (rounds < 0 || last_bin < -1 || last_bin >= bins() || (pending != 0 && last_bin < 0)) {
    throw InputError("state of 'tsallis-inf-cb': inconsistent rounds/last_bin/pending");
  }
  // Restore into copies first: a bad bin leaves the policy unchanged.
  std::vector<TsallisInf> learners = learners_;
  for (int j = 0; j < bins(); ++j) {
    learners[static_cast<size_t>(j)].restore(
        detail::extract_prefixed(state, bin_prefix(j), "tsallis-inf"));
  }
  learners_ = std::move(learners);
  rounds_ = rounds;
  last_bin_ = static_cast<int>(last_bin);
  pending_ = pending != 0;
}

}  // namespace las::learning
