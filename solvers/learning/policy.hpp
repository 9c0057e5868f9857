// SPDX-License-Identifier: BSD-3-Clause
// Online learners that pick one arm (a relaxation parameter ω from a grid) per
// instance of a sequence of problems and learn from the cost it incurred.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace las::learning {

/// A learner's full state as named arrays, so that a checkpoint (HDF5, see
/// io/state_record_io.hpp) restores it bit for bit: every double, counter and RNG word.
struct StateRecord {
  std::string kind;  ///< the policy's name(), checked on restore
  std::map<std::string, std::vector<double>> reals;
  std::map<std::string, std::vector<std::int64_t>> integers;
  std::map<std::string, std::vector<std::uint64_t>> words;  ///< RNG state
};

/// A sequential decision rule over a fixed arm grid. Host-side and deterministic given
/// its seed: every MPI rank that builds the same policy with the same seed and feeds
/// it the same (global) costs makes the same choices, so no broadcast is needed.
///
/// Protocol per instance t = 1, 2, ...: `choose(context)` then `update(cost)` with the
/// cost of the arm it returned (iterations by default, clipped by the caller to >= 1
/// if the learner requires). Contextual policies read `context`; others ignore it.
class Policy {
 public:
  virtual ~Policy() = default;
  /// "tsallis-inf", "tsallis-inf-cb", "chebcb", "fixed".
  virtual std::string name() const = 0;
  /// Index into arms() for the next instance.
  virtual int choose(double context) = 0;
  /// Feedback for the arm returned by the last choose().
  virtual void update(double cost) = 0;
  /// The sampling distribution used by the last choose() (sums to 1).
  virtual const std::vector<double>& probabilities() const = 0;
  virtual const std::vector<double>& arms() const = 0;
  /// Number of completed choose/update rounds.
  virtual long long rounds() const = 0;
  virtual StateRecord save() const = 0;
  /// Throws las::InputError when the record is of another kind or has wrong sizes.
  virtual void restore(const StateRecord& state) = 0;
};

/// The paper's grid: `count` values evenly spaced on [first, last] (default 1.00…1.95).
std::vector<double> omega_grid(double first = 1.0, double last = 1.95, int count = 20);

}  // namespace las::learning
