// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>

#include "solvers/sequences/linear_system_sequence.hpp"

namespace las::sequences {

/// How the diagonal shifts c_t are drawn: c_t = -0.15 + 0.6 B_t with B_t ~ Beta(0.5, 1.5)
/// (high variance: mass near c = -0.15, ω* ≈ 1.8) or Beta(2, 6) (low variance, ω* ≈ 1.6).
enum class ShiftDistribution { HighVariance, LowVariance };

struct ShiftedLaplacianOptions {
  int dim = 2;
  long long n = 10;  ///< interior nodes per axis (the paper: 10, so 100 unknowns)
  ShiftDistribution distribution = ShiftDistribution::HighVariance;
  long long length = 5000;
  std::uint64_t seed = 1;
  double context_min = -0.15;  ///< the paper's context bounds for ChebCB
  double context_max = 0.65;
};

/// The paper's diagonal-shift sequence (Khodak et al. 2024, learning.m): A_t = L + c_t I
/// with L the unscaled 5-point (7-point in 3D) Laplacian, stencil 4/-1 (delsq), b_t a
/// standard Gaussian truncated to ||b|| <= sqrt(n), x0 = 0, context c_t. Instance t is a
/// pure function of (seed, t) and identical at every rank count.
class ShiftedLaplacianSequence final : public LinearSystemSequence {
 public:
  ShiftedLaplacianSequence(const Comm& comm, const ShiftedLaplacianOptions& options);
  std::string description() const override;
  long long length() const override { return options_.length; }
  double context_min() const override { return options_.context_min; }
  double context_max() const override { return options_.context_max; }
  Instance instance(long long t) override;
  /// The shift of instance t (for tests).
  double shift(long long t) const;
  const BoxGrid& grid() const { return *grid_; }

 private:
  ShiftedLaplacianOptions options_;
  std::unique_ptr<BoxGrid> grid_;
};

/// Young's optimal ω for the 2D/3D shifted Laplacian under a consistent ordering
/// (lexicographic or red-black): 2 / (1 + sqrt(1 - β²)), β = 2d cos(πh) / (2d + c).
double young_omega_shifted_laplacian(int dim, long long n, double shift);

}  // namespace las::sequences
