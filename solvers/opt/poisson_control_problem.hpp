// SPDX-License-Identifier: BSD-3-Clause
// The PDE-constrained problem of the AdaSketch paper (the authors' PDE/*/Eval.jl): on an
// N x N interior grid with spacing h = 2/(N+1) and zero Dirichlet data,
//   min  ½‖w − w*‖² + 0.05‖z‖²   subject to   Δ_h w + z = 0,
// Δ_h the 5-point Laplacian (Σ neighbours − 4 w_p)/h², state w and control z one value
// per cell, w*_ij = sin(4 + 0.1/√15 (i − (N+1)/2)) + cos(3 + 0.1/√15 (j − (N+1)/2)) for
// 1-based i (x, fastest in memory) and j (y). The authors start from x = 1, λ = 1 (their
// N = 3: n = 18, m = 9, KKT residual 19.19 there).
//
// This is the serial, MPI-free statement: x = (w, z) in natural order (cell i + N j),
// J = [Δ_h, I] stored as sparse triplets written from the definition above. It serves
// IPOPT (sparse derivatives) and the tests, where it is the oracle of the distributed
// problem (solvers/opt/distributed/poisson_control_grid.hpp), which applies Δ_h through
// the matrix-free StencilOperator instead.
#pragma once

#include "solvers/opt/problem.hpp"
#include "solvers/opt/sparse_derivatives.hpp"

namespace las::opt {

/// h = 2/(N+1).
double poisson_control_spacing(long long n);
/// w* at the 0-based cell (i, j) of an N x N grid.
double poisson_control_target(long long n, long long i, long long j);
/// The control's weight in f: ½ · 0.1 ‖z‖².
constexpr double kPoissonControlWeight = 0.1;
/// The authors' start: every entry of x and λ is 1.
constexpr double kPoissonControlStart = 1.0;

class PoissonControlProblem final : public ConstrainedProblem, public SparseDerivatives {
 public:
  /// N >= 1 (ConfigError naming problem.N otherwise).
  explicit PoissonControlProblem(int n);

  std::string name() const override { return "poisson_control"; }
  int variables() const override { return 2 * cells_; }
  int constraints() const override { return cells_; }
  Vector initial_point() const override { return Vector(static_cast<std::size_t>(variables()), kPoissonControlStart); }
  Vector initial_multipliers() const { return Vector(static_cast<std::size_t>(cells_), kPoissonControlStart); }

  double objective(const Vector& x) const override;
  void objective_gradient(const Vector& x, Vector& g) const override;
  void constraint_values(const Vector& x, Vector& c) const override;
  void jacobian_apply(const Vector& x, const Vector& v, Vector& jv) const override;
  void jacobian_transpose_apply(const Vector& x, const Vector& w, Vector& jtw) const override;
  void lagrangian_hessian_apply(const Vector& x, const Vector& lambda, const Vector& v, Vector& hv) const override;

  SparseTriplets jacobian_triplets(const Vector&) const override { return jacobian_; }
  SparseTriplets lagrangian_hessian_triplets(const Vector& x, double objective_factor,
                                             const Vector& lambda) const override;
  bool quadratic_program() const override { return true; }

  int grid_size() const { return n_; }
  const Vector& target() const { return target_; }

 private:
  int n_, cells_;
  Vector target_;          // w* in natural order
  SparseTriplets jacobian_;  // [Δ_h, I]
};

}  // namespace las::opt
