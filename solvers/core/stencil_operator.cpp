// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/stencil_operator.hpp"

#include <cmath>
#include <sstream>

#include "kernels/stencil.hpp"
#include "solvers/core/error.hpp"

namespace las {
namespace {

double harmonic_mean(double a, double b) { return a + b > 0 ? 2 * a * b / (a + b) : 0.0; }

// Face coefficients of one axis on the host: face f of cell c is between c - e_axis
// and c; the face array has one more entry than cells along `axis`.
kernels::Vector face_coefficients(const BoxGrid& grid, int axis, const NodeCoefficient& kappa,
                                  double inv_h2) {
  const auto& n = grid.local_extent();
  const auto& off = grid.offset();
  std::array<int, 3> m = n;
  m[axis] += 1;
  kernels::Vector faces("las::stencil_faces", size_t(m[0]) * m[1] * m[2]);
  auto host = Kokkos::create_mirror_view(faces);
  bool bad = false;
  for (int k = 0; k < m[2]; ++k)
    for (int j = 0; j < m[1]; ++j)
      for (int i = 0; i < m[0]; ++i) {
        std::array<long long, 3> hi = {off[0] + i, off[1] + j, off[2] + k};
        std::array<long long, 3> lo = hi;
        lo[axis] -= 1;
        const double a = kappa(lo[0], lo[1], lo[2]);
        const double b = kappa(hi[0], hi[1], hi[2]);
        if (!(a > 0) || !(b > 0) || !std::isfinite(a) || !std::isfinite(b)) bad = true;
        host(size_t(i) + size_t(m[0]) * (size_t(j) + size_t(m[1]) * k)) = harmonic_mean(a, b) * inv_h2;
      }
  if (grid.comm().any(bad))
    throw InputError("StencilOperator: the coefficient field has a non-positive, NaN or infinite value");
  Kokkos::deep_copy(faces, host);
  return faces;
}

}  // namespace

StencilOperator::StencilOperator(const BoxGrid& grid, double kappa, double shift)
    : grid_(&grid), halo_(std::make_unique<HaloExchange>(grid)) {
  LAS_CHECK(kappa > 0 && std::isfinite(kappa), "StencilOperator: kappa must be > 0, got " << kappa);
  coef_.variable = false;
  coef_.cx = kappa / (spacing(0) * spacing(0));
  coef_.cy = kappa / (spacing(1) * spacing(1));
  coef_.cz = grid.dim() == 3 ? kappa / (spacing(2) * spacing(2)) : 0.0;
  coef_.shift = shift;
}

StencilOperator::StencilOperator(const BoxGrid& grid, const NodeCoefficient& kappa, double shift)
    : grid_(&grid), halo_(std::make_unique<HaloExchange>(grid)) {
  coef_.variable = true;
  coef_.shift = shift;
  coef_.fx = face_coefficients(grid, 0, kappa, 1 / (spacing(0) * spacing(0)));
  coef_.fy = face_coefficients(grid, 1, kappa, 1 / (spacing(1) * spacing(1)));
  if (grid.dim() == 3) coef_.fz = face_coefficients(grid, 2, kappa, 1 / (spacing(2) * spacing(2)));
}

double StencilOperator::spacing(int axis) const {
  return 1.0 / static_cast<double>(grid_->global_extent()[axis] + 1);
}

DistVector StencilOperator::create_vector(const std::string& label) const {
  return DistVector(grid_->comm(), grid_->local_cells(), label);
}

double StencilOperator::apply_impl(const DistVector& x, DistVector& y, bool want_dot) const {
  halo_->exchange(x);
  const double local = grid_->dim() == 2
      ? kernels::stencil_apply<2>(halo_->box(), coef_, x.view(), halo_->faces(), y.view(), want_dot)
      : kernels::stencil_apply<3>(halo_->box(), coef_, x.view(), halo_->faces(), y.view(), want_dot);
  return want_dot ? grid_->comm().sum(local) : 0.0;
}

void StencilOperator::apply(const DistVector& x, DistVector& y) const { apply_impl(x, y, false); }

double StencilOperator::apply_dot(const DistVector& x, DistVector& y) const {
  return apply_impl(x, y, true);
}

void StencilOperator::diagonal(DistVector& d) const {
  if (grid_->dim() == 2)
    kernels::stencil_diagonal<2>(halo_->box(), coef_, d.view());
  else
    kernels::stencil_diagonal<3>(halo_->box(), coef_, d.view());
}

long long StencilOperator::global_nonzeros() const {
  // Interior rows have 2*dim+1 entries; rows on the boundary lose one per missing face.
  const auto& g = grid_->global_extent();
  long long nnz = grid_->global_cells();
  for (int a = 0; a < grid_->dim(); ++a) nnz += 2 * (g[a] - 1) * (grid_->global_cells() / g[a]);
  return nnz;
}

std::string StencilOperator::description() const {
  std::ostringstream os;
  os << "matrix-free " << (grid_->dim() == 2 ? 5 : 7) << "-point stencil ("
     << (coef_.variable ? "variable" : "constant") << " coefficient), " << grid_->description();
  return os.str();
}

}  // namespace las
