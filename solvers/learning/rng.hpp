// SPDX-License-Identifier: BSD-3-Clause
// The learners' random numbers: xoshiro256** seeded by splitmix64. Written out here,
// not taken from <random>: std:: distributions are implementation-defined, so the same
// seed would give different arm sequences with another standard library.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace las::learning {

/// One splitmix64 step (Steele, Lea, Flood 2014): advances `state` by the golden-ratio
/// increment and returns the mixed output. Used to expand a 64-bit seed into words.
std::uint64_t splitmix64(std::uint64_t& state);

/// xoshiro256** (Blackman & Vigna 2018). Deterministic across platforms; its whole
/// state is four words, so a checkpoint restores the stream exactly.
class Rng {
 public:
  using State = std::array<std::uint64_t, 4>;

  /// The four state words are the first four splitmix64 outputs from `seed`, as the
  /// xoshiro authors recommend (never all zero).
  explicit Rng(std::uint64_t seed);

  /// The next 64 random bits.
  std::uint64_t next();
  /// Uniform on [0, 1): the top 53 bits times 2^-53 (every value a multiple of 2^-53).
  double uniform();
  /// An index i drawn with probability p[i] / sum(p). Consumes exactly one uniform().
  /// Entries must be finite and >= 0 with a positive sum (las::Error otherwise); an
  /// index with p[i] == 0 is never returned.
  int categorical(const std::vector<double>& p);

  const State& state() const { return s_; }
  /// Continues the stream from `state`; las::InputError for the all-zero state, which
  /// xoshiro never leaves (a corrupt checkpoint).
  void set_state(const State& state);

 private:
  State s_{};
};

}  // namespace las::learning
