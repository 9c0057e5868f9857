// SPDX-License-Identifier: BSD-3-Clause
// The PDE-constrained problem of the AdaSketch paper (poisson_control_problem.hpp states it
// serially) distributed over a 2D N x N BoxGrid: state w, control z and multiplier λ one
// value per cell, owned by the cell's rank. J = [Δ_h, I] is applied through the
// matrix-free StencilOperator (−∇·(κ∇u) on the unit square with κ = 1/4 is −Δ_h for the
// authors' h = 2/(N+1)), so a product costs one halo exchange per Laplacian. The KKT
// matrix
//     K = [[I, 0, Δ_h], [0, 0.1 I, I], [Δ_h, I, 0]]   (blocks w, z, λ; B = ∇²ₓL, never
// shifted: poisson_control_spectra.hpp) is matrix-free too; its rows are known in closed
// form on every rank (a w-row touches λ at the cell and its grid neighbours, a λ-row w at
// the cell and its neighbours and z at the cell), which is what a Kaczmarz step needs.
// Because the problem is a QP, ∇L(p) = (∇ₓL, c) = K p − (w*, 0, 0) and the merit
// gradient ∇𝓛_η = ∇L + K (η₂ ∇ₓL, η₁ c) (merit.hpp's formula with H = ∇²ₓL).
#pragma once

#include "solvers/core/stencil_operator.hpp"
#include "solvers/opt/distributed/grid_kkt_vector.hpp"
#include "solvers/opt/merit.hpp"

namespace las::opt {

class PoissonControlGrid {
 public:
  /// Keeps a reference to `grid` (2D, N x N: ConfigError naming problem.N otherwise).
  /// Collective.
  explicit PoissonControlGrid(const BoxGrid& grid);

  const BoxGrid& grid() const { return *grid_; }
  const Comm& comm() const { return grid_->comm(); }
  long long grid_size() const { return n_; }
  long long cells() const { return n_ * n_; }
  /// n + m = 3 N².
  long long kkt_rows() const { return 3 * cells(); }

  GridKktVector zero_vector(const std::string& label = "las::kkt_vector") const;
  /// The authors' start: w = z = λ = 1.
  GridKktVector initial_point() const;
  const DistVector& target() const { return target_; }

  /// f(w, z) = ½‖w − w*‖² + 0.05‖z‖² (collective).
  double objective(const GridKktVector& p) const;
  /// out = (∇ₓL, c) at p (its λ block is c).
  void kkt_vector(const GridKktVector& p, GridKktVector& out) const;
  /// out = K v.
  void kkt_apply(const GridKktVector& v, GridKktVector& out) const;
  /// 𝓛_η(p) given g = kkt_vector(p) (collective, one all-reduce).
  double merit(const GridKktVector& p, const GridKktVector& g, const Penalties& eta) const;
  /// out = ∇𝓛_η given g = kkt_vector(p).
  void merit_gradient(const GridKktVector& g, const Penalties& eta, GridKktVector& out) const;

  /// The products one by one (the oracle tests compare them with the serial problem).
  /// jv = Δ_h v_w + v_z
  void jacobian_apply(const DistVector& vw, const DistVector& vz, DistVector& jv) const;
  /// (jtw_w, jtw_z) = Jᵀ u = (Δ_h u, u)
  void jacobian_transpose_apply(const DistVector& u, DistVector& jtw_w, DistVector& jtw_z) const;
  /// (hw, hz) = ∇²ₓL v = (v_w, 0.1 v_z)
  void hessian_apply(const DistVector& vw, const DistVector& vz, DistVector& hw, DistVector& hz) const;

  /// One entry of a KKT row: block 0 (w), 1 (z) or 2 (λ) at the natural cell index
  /// (i + N j, the same at any rank count).
  struct RowEntry {
    int block = 0;
    long long cell = 0;
    double value = 0;
  };
  /// Row `row` of K in the global, rank-independent numbering block·N² + cell: writes its
  /// nonzeros (at most 6) to `out` and returns their count. No communication.
  int kkt_row(long long row, RowEntry out[6]) const;
  /// The local position of a natural cell index on this rank, or −1 if another rank owns it.
  long long local_index(long long cell) const;
  /// The natural cell index of local position `local`.
  long long natural_index(long long local) const;

 private:
  const BoxGrid* grid_;
  long long n_;
  double inv_h2_;                 // 1/h²
  StencilOperator minus_laplacian_;  // −Δ_h
  DistVector target_;             // w*
  mutable GridKktVector scratch_;  // K products inside merit_gradient; w − w* in objective
};

}  // namespace las::opt
