// SPDX-License-Identifier: BSD-3-Clause
// Stand-in "networks" and fields for the DCDM / flexible-CG tests: maps r -> z whose
// effect is known (identity, exact inverse, linear SPD Jacobi) or that are deliberately
// nonlinear and non-symmetric, like a trained network.
#pragma once

#include <cmath>
#include <functional>

#include "kernels/blas1.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/linear_operator.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/preconditioner.hpp"

namespace las::testing {

/// f(x, y, z) at the grid's nodes ((i+1)/(n+1) per axis), from global coordinates so the
/// field is the same at every rank count.
inline DistVector grid_field(const BoxGrid& g, const std::function<double(double, double, double)>& f) {
  DistVector v(g.comm(), g.local_cells(), "test::field");
  auto h = Kokkos::create_mirror_view(Kokkos::HostSpace(), v.view());
  const auto n = g.local_extent();
  const auto off = g.offset();
  const auto ge = g.global_extent();
  size_t p = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int i = 0; i < n[0]; ++i, ++p) {
        const double x = double(off[0] + i + 1) / double(ge[0] + 1);
        const double y = double(off[1] + j + 1) / double(ge[1] + 1);
        const double z = double(off[2] + k + 1) / double(ge[2] + 1);
        h(p) = f(x, y, z);
      }
  Kokkos::deep_copy(v.view(), h);
  return v;
}

/// A smooth, non-symmetric load that excites many modes (not an eigenvector).
inline DistVector wavy_rhs(const BoxGrid& g) {
  return grid_field(g, [](double x, double y, double z) {
    return 1.0 + std::sin(7 * x + 2 * y) + x * std::cos(5 * y - 3 * z) + 0.5 * (z > 0.5);
  });
}

class IdentityNet final : public Preconditioner {
 public:
  void apply(const DistVector& r, DistVector& z) const override { copy(r, z); }
  std::string name() const override { return "identity"; }
};

/// z = A⁻¹ r by CG to 1e-14: the perfect network.
class ExactInverseNet final : public Preconditioner {
 public:
  explicit ExactInverseNet(const LinearOperator& a) : a_(a) {}
  void apply(const DistVector& r, DistVector& z) const override {
    fill(z, 0.0);
    CgOptions o;
    o.rtol = 1e-14;
    o.compute_true_residual = false;
    o.record_history = false;
    solve_cg(a_, r, z, o);
  }
  std::string name() const override { return "exact-inverse"; }

 private:
  const LinearOperator& a_;
};

/// z = D⁻¹ r: linear and SPD, so PCG applies.
class JacobiPc final : public Preconditioner {
 public:
  explicit JacobiPc(const LinearOperator& a) : dinv_(a.create_vector("test::dinv")) {
    a.diagonal(dinv_);
    kernels::reciprocal(dinv_.view(), dinv_.view());
  }
  void apply(const DistVector& r, DistVector& z) const override {
    kernels::pointwise_mult(dinv_.view(), r.view(), z.view());
  }
  std::string name() const override { return "jacobi"; }

 private:
  DistVector dinv_;
};

/// A few Jacobi sweeps on A z = r from z = 0 whose damping varies per cell with the
/// residual, ω_i = 0.3 + 0.5 |r_i| / max|r|, plus a ReLU-like kick 1e-3 max|r| [r_i > 0]
/// / d_i. Nonlinear and not symmetric, like a network, yet a decent smoother and the
/// same map at every rank count. The kick scales with r so that flexible CG, which does
/// not normalise r, still sees a direction that shrinks with the residual.
class NonlinearJacobiNet final : public Preconditioner {
 public:
  NonlinearJacobiNet(const LinearOperator& a, int sweeps)
      : a_(a), sweeps_(sweeps), dinv_(a.create_vector("test::dinv")),
        t_(a.create_vector("test::t")) {
    a.diagonal(dinv_);
    kernels::reciprocal(dinv_.view(), dinv_.view());
  }
  void apply(const DistVector& r, DistVector& z) const override {
    const auto rv = r.view();
    double m = 0;
    Kokkos::parallel_reduce(
        "test::absmax", kernels::range(rv.extent(0)),
        KOKKOS_LAMBDA(size_t i, double& acc) {
          const double v = rv(i) < 0 ? -rv(i) : rv(i);
          if (v > acc) acc = v;
        },
        Kokkos::Max<double>(m));
    m = r.comm().max(m);
    const double inv = m > 0 ? 1.0 / m : 0.0;
    const double kick = 1e-3 * m;
    fill(z, 0.0);
    const auto zv = z.view();
    const auto tv = t_.view();
    const auto dv = dinv_.view();
    for (int s = 0; s < sweeps_; ++s) {
      a_.apply(z, t_);
      Kokkos::parallel_for(
          "test::nonlinear_jacobi", kernels::range(zv.extent(0)), KOKKOS_LAMBDA(size_t i) {
            const double w = 0.3 + 0.5 * (rv(i) < 0 ? -rv(i) : rv(i)) * inv;
            zv(i) += w * dv(i) * (rv(i) - tv(i)) + kick * dv(i) * (rv(i) > 0 ? 1.0 : 0.0);
          });
    }
  }
  std::string name() const override { return "nonlinear-jacobi"; }
  bool symmetric() const override { return false; }

 private:
  const LinearOperator& a_;
  int sweeps_;
  DistVector dinv_;
  mutable DistVector t_;  // scratch: apply() is logically const
};

}  // namespace las::testing
