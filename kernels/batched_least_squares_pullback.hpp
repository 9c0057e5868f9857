// SPDX-License-Identifier: BSD-3-Clause
// The data gradients of the implicit-function-theorem backward of batched least squares
// (kernels/batched_least_squares.hpp). At a stationary point g(ω, θ) = Jᵀr + ridge² ω = 0,
// with the adjoint v solving H v = dL/dω (H the exact Hessian), the loss gradient is
//   dL/dθ = −∂/∂θ [vᵀ g(ω, θ)]   (ω and v held fixed),
// and vᵀg is a sum over rows, so every row's data gets its gradient independently:
//   PDE row p, z = F_p ω + z0_p, t = F_p v, r = w φ(z), s_p = r Σ_j ∂r/∂z_j t_j:
//     dL/dF_{p,j} = −[(∂s/∂z_j) ω + (∂s/∂t_j) v],   dL/dz0_{p,j} = −∂s/∂z_j,
//     ∂s/∂z_j = ∂r/∂z_j (∇r·t) + r Σ_k ∂²r/∂z_j∂z_k t_k,   ∂s/∂t_j = r ∂r/∂z_j;
//   linear row q, r_q = A_q·ω − y_q, s_q = r_q (A_q·v):
//     dL/dA_q = −[(A_q·v) ω + r_q v],   dL/dy_q = A_q·v.
#pragma once

#include <Kokkos_Core.hpp>

#include "kernels/batched_least_squares.hpp"

namespace las::kernels {

using BatchFeatureGradients = Kokkos::View<double****, Kokkos::LayoutRight, MemSpace>;  ///< [B, P, nf, N]
using BatchRowGradients = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>;       ///< [B, Q, N]
using BatchOffsetGradients = Kokkos::View<double***, Kokkos::LayoutRight, MemSpace>;    ///< [B, P, nf]

/// Writes dL/dF, dL/dz0, dL/dA and dL/dy for the coefficients omega and the adjoint [B, N].
/// An output with extent(0) == 0 is not wanted and not computed.
inline void least_squares_pullback(const LeastSquaresBatch& ls, const ConstBatchVectors& omega,
                                   const ConstBatchVectors& adjoint, const BatchFeatureGradients& grad_features,
                                   const BatchOffsetGradients& grad_offsets, const BatchRowGradients& grad_rows,
                                   const BatchVectors& grad_targets) {
  const BatchFeatures f = ls.features;
  const BatchFeatureOffsets z0 = ls.offsets;
  const BatchRows a_rows = ls.linear_rows;
  const ConstBatchVectors y = ls.linear_targets;
  const PointResidualModel model = ls.residual;
  const int n = ls.coefficients();
  const int nf = point_feature_count(model.type);
  const size_t points = ls.points(), linear = ls.linear_count();

  if (grad_features.extent(0) > 0 || grad_offsets.extent(0) > 0) {
    const BatchFeatureGradients df = grad_features;
    const BatchOffsetGradients dz0 = grad_offsets;
    const bool want_features = df.extent(0) > 0, want_offsets = dz0.extent(0) > 0;
    const BatchFeatureOffsets no_offsets;  // t = F_p v is the linear part alone
    Kokkos::parallel_for(
        "las::least_squares_pullback_points", Kokkos::RangePolicy<ExecSpace>(0, ls.problems() * points),
        KOKKOS_LAMBDA(const size_t item) {
          const size_t b = item / points, p = item % points;
          double z[kMaxPointFeatures], t[kMaxPointFeatures];
          point_features(f, z0, omega, b, p, nf, z);
          point_features(f, no_offsets, adjoint, b, p, nf, t);
          PointResidualValue value;
          evaluate_point_residual(model, z, true, value);
          const double r = value.value;
          double grad_dot_t = 0;
          for (int j = 0; j < nf; ++j) grad_dot_t += value.gradient[j] * t[j];
          for (int j = 0; j < nf; ++j) {
            double curvature = 0;
            for (int k = 0; k < nf; ++k) curvature += value.hessian[j][k] * t[k];
            const double ds_dz = value.gradient[j] * grad_dot_t + r * curvature;
            const double ds_dt = r * value.gradient[j];
            if (want_offsets) dz0(b, p, j) = -ds_dz;
            if (want_features)
              for (int a = 0; a < n; ++a) df(b, p, j, a) = -(ds_dz * omega(b, a) + ds_dt * adjoint(b, a));
          }
        });
  }
  if (linear == 0 || (grad_rows.extent(0) == 0 && grad_targets.extent(0) == 0)) return;
  const BatchRowGradients da = grad_rows;
  const BatchVectors dy = grad_targets;
  const bool want_rows = da.extent(0) > 0, want_targets = dy.extent(0) > 0;
  Kokkos::parallel_for(
      "las::least_squares_pullback_rows", Kokkos::RangePolicy<ExecSpace>(0, ls.problems() * linear),
      KOKKOS_LAMBDA(const size_t item) {
        const size_t b = item / linear, q = item % linear;
        double a_dot_v = 0, r = -y(b, q);
        for (int a = 0; a < n; ++a) {
          a_dot_v += a_rows(b, q, a) * adjoint(b, a);
          r += a_rows(b, q, a) * omega(b, a);
        }
        if (want_targets) dy(b, q) = a_dot_v;
        if (want_rows)
          for (int a = 0; a < n; ++a) da(b, q, a) = -(a_dot_v * omega(b, a) + r * adjoint(b, a));
      });
}

}  // namespace las::kernels
