// SPDX-License-Identifier: BSD-3-Clause
// Random variates for generated instance sequences, built on learning::Rng so that a
// sequence is the same on every platform and at every rank count.
#pragma once

#include <cstdint>
#include <vector>

#include "solvers/learning/rng.hpp"

namespace las::sequences {

/// The seed of instance t of a sequence seeded with `seed`: instance t is a pure
/// function of (seed, t), so a restarted run regenerates exactly the instances it
/// would have seen, with no generator state to checkpoint.
std::uint64_t instance_seed(std::uint64_t seed, long long t);

/// Standard normal (Marsaglia's polar method: exact, two uniforms per pair).
double standard_normal(learning::Rng& rng);

/// Beta(a, b) by Jöhnk's algorithm (exact for any a, b > 0; the acceptance rate
/// Γ(a+1)Γ(b+1)/Γ(a+b+1) is 0.59 for Beta(0.5, 1.5) and 0.036 for Beta(2, 6), both
/// cheap next to a linear solve).
double beta(learning::Rng& rng, double a, double b);

/// A standard Gaussian vector of length n conditioned on ||g|| <= radius (rejection:
/// about half the draws are kept when radius = sqrt(n)). Generated in global order so
/// every rank holds the same vector.
std::vector<double> truncated_gaussian(learning::Rng& rng, long long n, double radius);

}  // namespace las::sequences
