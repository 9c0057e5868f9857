// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/rng.hpp"

#include <cmath>

#include "solvers/core/error.hpp"

namespace las::learning {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  for (auto& word : s_) word = splitmix64(seed);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

int Rng::categorical(const std::vector<double>& p) {
  LAS_CHECK(!p.empty(), "categorical: no probabilities");
  double total = 0.0;
  for (size_t i = 0; i < p.size(); ++i) {
    LAS_CHECK(std::isfinite(p[i]) && p[i] >= 0.0,
              "categorical: probability " << i << " is " << p[i]);
    total += p[i];
  }
  LAS_CHECK(total > 0.0, "categorical: the probabilities sum to " << total);
  // Scaling u by the sum (not dividing every p) keeps one draw per call and makes a
  // distribution that sums to 1 - 1e-16 behave as intended.
  const double u = uniform() * total;
  double cumulative = 0.0;
  int last_positive = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] <= 0.0) continue;
    last_positive = static_cast<int>(i);
    cumulative += p[i];
    if (u < cumulative) return last_positive;
  }
  // Rounding can leave the running sum a hair below u*total: the last possible arm.
  return last_positive;
}

void Rng::set_state(const State& state) {
  if (state[0] == 0 && state[1] == 0 && state[2] == 0 && state[3] == 0) {
    throw InputError("xoshiro256** state is all zero (a corrupt checkpoint)");
  }
  s_ = state;
}

}  // namespace las::learning
