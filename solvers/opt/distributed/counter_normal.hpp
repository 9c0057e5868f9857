// SPDX-License-Identifier: BSD-3-Clause
// Counter-based N(0, 1) numbers: a pure function of (seed, draw, index), so every rank
// draws the entries of a Gaussian sketch column that it owns (index = the entry's global,
// rank-independent number) without a shared stream, and 1 and 2 ranks get the same
// sketch. Two splitmix64 finalisations of the key give two uniforms; Box-Muller turns them
// into two normals, given to the indices 2p and 2p + 1 of pair p (the logarithm and the
// sine/cosine dominate the cost of a Gaussian sketch step, so a caller that owns both
// entries of a pair computes them once).
#pragma once

#include <cmath>
#include <cstdint>

namespace las::opt {

/// The splitmix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix.
inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// The N(0, 1) pair at (seed, draw, pair): normals of indices 2·pair (first) and
/// 2·pair + 1 (second).
struct NormalPair {
  double first, second;
};
inline NormalPair counter_normal_pair(std::uint64_t seed, std::uint64_t draw, std::uint64_t pair) {
  const std::uint64_t key = mix64(mix64(seed ^ 0x9E3779B97F4A7C15ULL) + draw * 0xD1B54A32D192ED03ULL) ^ pair;
  const std::uint64_t a = mix64(2 * key), b = mix64(2 * key + 1);
  const double u1 = (static_cast<double>(a >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]: log is finite
  const double u2 = static_cast<double>(b >> 11) * 0x1.0p-53;          // [0, 1)
  const double radius = std::sqrt(-2.0 * std::log(u1)), angle = 6.283185307179586 * u2;
  return {radius * std::cos(angle), radius * std::sin(angle)};
}

/// N(0, 1) at (seed, draw, index).
inline double counter_normal(std::uint64_t seed, std::uint64_t draw, std::uint64_t index) {
  const NormalPair p = counter_normal_pair(seed, draw, index / 2);
  return index % 2 == 0 ? p.first : p.second;
}

}  // namespace las::opt
