// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>

#include "solvers/sequences/linear_system_sequence.hpp"

namespace las::sequences {

struct HeatOptions {
  int dim = 2;
  long long nx = 25;   ///< intervals per axis: (nx - 1)^dim unknowns (the paper: 25…400)
  long long steps = 5000;
  double dt = 1e-3;    ///< t_end = steps * dt (the paper: 5)
  std::array<int, 3> procs{0, 0, 0};
};

/// The paper's 2D heat equation (Khodak et al. 2024, h2d.m / Heat2D.m) on (0,1)^d with
/// homogeneous Dirichlet boundaries, Crank–Nicolson in time:
///   (I + ½ dt κ(t_{n+1}) (-Δ_h)) u^{n+1} = (I - ½ dt κ(t_n) (-Δ_h)) u^n + dt f(t_{n+½}),
/// κ(t) = max(0.1 sin 2πt, -10 sin 2πt) ∈ [0, 10] (the context), forcing a Gaussian bump of
/// height 32 circling the centre at 16π rad per unit time, initial state a central bump.
/// Instance t is step t → t+1, warm-started from u^t; the accepted solution becomes u^{t+1}.
/// The bump widths (0.05 forcing, 0.1 initial) and the circle radius (0.25) are las's
/// reading: the notes give heights and rates only.
class HeatSequence final : public LinearSystemSequence {
 public:
  HeatSequence(const Comm& comm, const HeatOptions& options);
  std::string description() const override;
  long long length() const override { return options_.steps; }
  double context_min() const override { return 0.0; }
  double context_max() const override { return 10.0; }
  Instance instance(long long t) override;
  void accept(long long t, const DistVector& x) override;
  void save(io::OutputFile& out, const std::string& group) const override;
  void restore(const std::string& file, const std::string& group) override;
  const BoxGrid& grid() const { return *grid_; }
  const DistVector& state() const { return u_; }

  /// κ(t) of the paper.
  static double diffusivity(double time);

 private:
  HeatOptions options_;
  std::unique_ptr<BoxGrid> grid_;
  DistVector u_;  ///< u^t: the state instance t starts from
};

}  // namespace las::sequences
