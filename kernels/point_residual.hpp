// SPDX-License-Identifier: BSD-3-Clause
// The pointwise PDE residual of the hard-constraint layer (PI-HC-MoE): at one sampled
// point the basis expansion gives a few linear features z (value, derivatives), and the
// residual row is r = w φ(z). Least-squares kernels need r, ∂r/∂z and, for the exact
// Hessian of the implicit-function-theorem backward, ∂²r/∂z∂z. Selected by an enum switch
// (no virtual calls) so the same code runs in device kernels.
#pragma once

#include <Kokkos_Core.hpp>
#include <Kokkos_MathematicalFunctions.hpp>

namespace las::kernels {

enum class PointResidualType : int {
  /// 1D diffusion–sorption, z = (u, u_t, u_xx): φ = u_t − D u_xx / R(u),
  /// R(u) = 1 + c (max(u, 0) + 1e-6)^(n_f − 1): the guarded power of the authors' jnp.where
  /// form, of las::pde::retardation (which made the data) and of the models' losses. For
  /// u < 0 R is constant (R' = R'' = 0), so a basis that dips below zero at ω₀ gives a
  /// finite residual rather than a NaN (the bare (u + 1e-6)^(n_f − 1) would).
  DiffusionSorption = 0,
  /// 2D vorticity form, z = (w_t, u, v, w_x, w_y, Δw): φ = w_t + u w_x + v w_y − ν Δw.
  NavierStokesVorticity = 1,
};

/// The largest feature count of any type: the size of the per-point scratch arrays.
constexpr int kMaxPointFeatures = 6;

struct PointResidualModel {
  PointResidualType type = PointResidualType::DiffusionSorption;
  double weight = 1;             ///< w, the PDE rows' weight
  double diffusion = 5e-4;       ///< D
  double retardation_scale = 0;  ///< c = (1 − porosity)/porosity · ρ_s · k · n_f
  double freundlich_n = 0.874;   ///< n_f
  double viscosity = 1e-4;       ///< ν
};

KOKKOS_INLINE_FUNCTION constexpr int point_feature_count(PointResidualType type) {
  switch (type) {
    case PointResidualType::DiffusionSorption: return 3;
    case PointResidualType::NavierStokesVorticity: return 6;
  }
  return 0;
}

/// r = w φ(z) with its first and (optionally) second derivatives in z. Only the leading
/// point_feature_count entries (x point_feature_count for the Hessian) are written, the
/// Hessian only when asked for: this is filled once per point and row, so no zeroing of
/// the rest.
struct PointResidualValue {
  double value;
  double gradient[kMaxPointFeatures];
  double hessian[kMaxPointFeatures][kMaxPointFeatures];
};

KOKKOS_INLINE_FUNCTION void evaluate_diffusion_sorption(const PointResidualModel& m, const double* z,
                                                        bool with_hessian, PointResidualValue& out) {
  const double u = z[0], u_t = z[1], u_xx = z[2];
  const bool sorbing = u > 0;
  const double base = (sorbing ? u : 0.0) + 1e-6;
  const double power = Kokkos::Experimental::pow(base, m.freundlich_n - 1);  // (max(u, 0) + 1e-6)^(n_f − 1)
  const double r = 1 + m.retardation_scale * power;
  const double dr = sorbing ? m.retardation_scale * (m.freundlich_n - 1) * power / base : 0.0;  // R'(u)
  const double w = m.weight, d = m.diffusion;
  out.value = w * (u_t - d * u_xx / r);
  out.gradient[0] = w * d * u_xx * dr / (r * r);
  out.gradient[1] = w;
  out.gradient[2] = -w * d / r;
  if (!with_hessian) return;
  const double ddr = dr * (m.freundlich_n - 2) / base;  // R''(u)
  out.hessian[0][0] = w * d * u_xx * (ddr / (r * r) - 2 * dr * dr / (r * r * r));
  out.hessian[0][2] = out.hessian[2][0] = w * d * dr / (r * r);
}

KOKKOS_INLINE_FUNCTION void evaluate_navier_stokes_vorticity(const PointResidualModel& m, const double* z,
                                                             bool with_hessian, PointResidualValue& out) {
  const double w_t = z[0], u = z[1], v = z[2], w_x = z[3], w_y = z[4], lap = z[5];
  const double w = m.weight;
  out.value = w * (w_t + u * w_x + v * w_y - m.viscosity * lap);
  out.gradient[0] = w;
  out.gradient[1] = w * w_x;
  out.gradient[2] = w * w_y;
  out.gradient[3] = w * u;
  out.gradient[4] = w * v;
  out.gradient[5] = -w * m.viscosity;
  if (!with_hessian) return;
  out.hessian[1][3] = out.hessian[3][1] = w;  // ∂²(u w_x)
  out.hessian[2][4] = out.hessian[4][2] = w;  // ∂²(v w_y)
}

/// Fills `out` for the model's type.
KOKKOS_INLINE_FUNCTION void evaluate_point_residual(const PointResidualModel& m, const double* z, bool with_hessian,
                                                    PointResidualValue& out) {
  const int nf = point_feature_count(m.type);
  out.value = 0;
  for (int j = 0; j < nf; ++j) {
    out.gradient[j] = 0;
    if (with_hessian)
      for (int k = 0; k < nf; ++k) out.hessian[j][k] = 0;
  }
  switch (m.type) {
    case PointResidualType::DiffusionSorption: evaluate_diffusion_sorption(m, z, with_hessian, out); return;
    case PointResidualType::NavierStokesVorticity: evaluate_navier_stokes_vorticity(m, z, with_hessian, out); return;
  }
}

}  // namespace las::kernels
