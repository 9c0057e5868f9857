// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/distributed/poisson_control_grid.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"
#include "solvers/opt/poisson_control_problem.hpp"
#include "solvers/sequences/grid_fields.hpp"

namespace las::opt {
namespace {

long long checked_size(const BoxGrid& grid) {
  const auto& g = grid.global_extent();
  if (grid.dim() != 2 || g[0] != g[1])
    throw ConfigError("problem.N: the poisson_control problem needs a square 2D grid, not " + grid.description());
  return g[0];
}

}  // namespace

PoissonControlGrid::PoissonControlGrid(const BoxGrid& grid)
    : grid_(&grid), n_(checked_size(grid)),
      inv_h2_(1.0 / (poisson_control_spacing(n_) * poisson_control_spacing(n_))),
      // The stencil's unit square has spacing 1/(N+1); κ = (1/(N+1))² / h² = 1/4 makes
      // its κ/h_unit² the authors' 1/h².
      minus_laplacian_(grid, 0.25),
      target_(sequences::field_from_indices(
          grid, [n = n_](long long i, long long j, long long) { return poisson_control_target(n, i, j); },
          "las::poisson_control_target")),
      scratch_(make_grid_kkt_vector(grid, "las::poisson_control_scratch")) {}

GridKktVector PoissonControlGrid::zero_vector(const std::string& label) const {
  return make_grid_kkt_vector(*grid_, label);
}

GridKktVector PoissonControlGrid::initial_point() const {
  GridKktVector p = zero_vector("las::poisson_control_point");
  fill(p, kPoissonControlStart);
  return p;
}

double PoissonControlGrid::objective(const GridKktVector& p) const {
  kernels::axpbyz(1.0, p.w.view(), -1.0, target_.view(), scratch_.w.view());
  const double local = 0.5 * kernels::dot(scratch_.w.view(), scratch_.w.view()) +
                       0.5 * kPoissonControlWeight * kernels::dot(p.z.view(), p.z.view());
  return comm().sum(local);
}

void PoissonControlGrid::jacobian_apply(const DistVector& vw, const DistVector& vz, DistVector& jv) const {
  minus_laplacian_.apply(vw, jv);
  kernels::aypx(-1.0, vz.view(), jv.view());  // jv = v_z − (−Δ_h v_w)
}

void PoissonControlGrid::jacobian_transpose_apply(const DistVector& u, DistVector& jtw_w, DistVector& jtw_z) const {
  minus_laplacian_.apply(u, jtw_w);
  kernels::scale(-1.0, jtw_w.view());
  kernels::copy(u.view(), jtw_z.view());
}

void PoissonControlGrid::hessian_apply(const DistVector& vw, const DistVector& vz, DistVector& hw,
                                       DistVector& hz) const {
  kernels::copy(vw.view(), hw.view());
  kernels::axpbyz(kPoissonControlWeight, vz.view(), 0.0, vz.view(), hz.view());
}

void PoissonControlGrid::kkt_apply(const GridKktVector& v, GridKktVector& out) const {
  minus_laplacian_.apply(v.lambda, out.w);
  kernels::aypx(-1.0, v.w.view(), out.w.view());  // v_w + Δ_h v_λ
  kernels::axpbyz(kPoissonControlWeight, v.z.view(), 1.0, v.lambda.view(), out.z.view());
  jacobian_apply(v.w, v.z, out.lambda);
}

void PoissonControlGrid::kkt_vector(const GridKktVector& p, GridKktVector& out) const {
  kkt_apply(p, out);
  kernels::axpy(-1.0, target_.view(), out.w.view());
}

double PoissonControlGrid::merit(const GridKktVector& p, const GridKktVector& g, const Penalties& eta) const {
  kernels::axpbyz(1.0, p.w.view(), -1.0, target_.view(), scratch_.w.view());
  const double tracking = kernels::dot(scratch_.w.view(), scratch_.w.view());
  const double control = kernels::dot(p.z.view(), p.z.view());
  std::vector<double> sums = {
      0.5 * tracking + 0.5 * kPoissonControlWeight * control,                         // f
      kernels::dot(p.lambda.view(), g.lambda.view()),                                 // λᵀc
      kernels::dot(g.lambda.view(), g.lambda.view()),                                 // ‖c‖²
      kernels::dot(g.w.view(), g.w.view()) + kernels::dot(g.z.view(), g.z.view())};  // ‖∇ₓL‖²
  comm().sum_in_place(sums);
  const double value = sums[0] + sums[1] + 0.5 * eta.eta1 * sums[2] + 0.5 * eta.eta2 * sums[3];
  return std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN();
}

void PoissonControlGrid::merit_gradient(const GridKktVector& g, const Penalties& eta, GridKktVector& out) const {
  // (η₂ ∇ₓL, η₁ c), then K of it, plus ∇L.
  kernels::axpbyz(eta.eta2, g.w.view(), 0.0, g.w.view(), scratch_.w.view());
  kernels::axpbyz(eta.eta2, g.z.view(), 0.0, g.z.view(), scratch_.z.view());
  kernels::axpbyz(eta.eta1, g.lambda.view(), 0.0, g.lambda.view(), scratch_.lambda.view());
  kkt_apply(scratch_, out);
  axpy(1.0, g, out);
}

long long PoissonControlGrid::local_index(long long cell) const {
  const long long i = cell % n_, j = cell / n_;
  const auto& off = grid_->offset();
  const auto& ext = grid_->local_extent();
  const long long li = i - off[0], lj = j - off[1];
  if (li < 0 || li >= ext[0] || lj < 0 || lj >= ext[1]) return -1;
  return li + ext[0] * lj;
}

long long PoissonControlGrid::natural_index(long long local) const {
  const auto& off = grid_->offset();
  const auto& ext = grid_->local_extent();
  return (off[0] + local % ext[0]) + n_ * (off[1] + local / ext[0]);
}

int PoissonControlGrid::kkt_row(long long row, RowEntry out[6]) const {
  LAS_CHECK(row >= 0 && row < kkt_rows(), "KKT row " << row << " outside 0.." << kkt_rows() - 1);
  const int block = static_cast<int>(row / cells());
  const long long p = row % cells(), i = p % n_, j = p / n_;
  int count = 0;
  auto add = [&](int b, long long cell, double value) { out[count++] = RowEntry{b, cell, value}; };
  // Δ_h's row p against block b: −4/h² at p, 1/h² at each interior neighbour.
  auto laplacian_row = [&](int b) {
    add(b, p, -4.0 * inv_h2_);
    if (i > 0) add(b, p - 1, inv_h2_);
    if (i < n_ - 1) add(b, p + 1, inv_h2_);
    if (j > 0) add(b, p - n_, inv_h2_);
    if (j < n_ - 1) add(b, p + n_, inv_h2_);
  };
  if (block == 0) {  // [I, 0, Δ_h]
    add(0, p, 1.0);
    laplacian_row(2);
  } else if (block == 1) {  // [0, 0.1 I, I]
    add(1, p, kPoissonControlWeight);
    add(2, p, 1.0);
  } else {  // [Δ_h, I, 0]
    laplacian_row(0);
    add(1, p, 1.0);
  }
  return count;
}

}  // namespace las::opt
