// SPDX-License-Identifier: BSD-3-Clause
// SOR sweeps of the matrix-free stencil: lexicographic per rank (block-Jacobi across
// ranks) or red-black by global parity (a true parallel SOR).
#include <array>

#include "kernels/blas1.hpp"
#include "kernels/halo_pack.hpp"
#include "kernels/relaxation.hpp"
#include "solvers/core/halo_exchange.hpp"
#include "solvers/relaxation/detail/sweeper_impl.hpp"

namespace las::detail {
namespace {

using kernels::SweepDirection;

class StencilSweeper final : public SweeperImpl {
 public:
  StencilSweeper(const StencilOperator& a, SorOrdering ordering)
      : a_(&a), halo_(a.grid()), red_black_(ordering == SorOrdering::RedBlack) {
    const auto& off = a.grid().offset();
    origin_parity_ = int((off[0] + off[1] + off[2]) & 1);
    // All-zero faces: what the neighbours hold in a sweep that starts from z = 0, and
    // the block-Jacobi SSOR's view of the other ranks.
    const kernels::LocalBox& box = halo_.box();
    for (int f = 0; f < 6; ++f) zero_[f] = kernels::Vector("las::sor_zero_face", kernels::face_size(box, f / 2));
    zero_faces_ = {zero_[0], zero_[1], zero_[2], zero_[3], zero_[4], zero_[5]};
    for (int axis = 0; axis < 3; ++axis)
      for (int side = 0; side < 2; ++side)
        if (a.grid().neighbor(axis, side) != MPI_PROC_NULL) rank_faces_ |= 1u << (2 * axis + side);
    one_pass_ = red_black_ && kernels::color_chain_pays(a.grid().dim());
  }

  void sweep(const DistVector& b, DistVector& x, double omega) const override {
    halo_.exchange(x);
    if (!red_black_) {
      lexicographic(b, halo_.faces(), x, omega, SweepDirection::Forward);
      return;
    }
    if (one_pass_) return chain(b, halo_.faces(), x, {2, kRed, {omega, omega}});
    color(b, halo_.faces(), x, omega, kRed);
    halo_.exchange(x);
    color(b, halo_.faces(), x, omega, kBlack);
  }

  void symmetric_from_zero(const DistVector& r, DistVector& z, double omega) const override {
    kernels::fill(z.view(), 0.0);
    if (!red_black_) {
      // Block-Jacobi: the other ranks' couplings are dropped (their z is 0 throughout).
      lexicographic(r, zero_faces_, z, omega, SweepDirection::Backward);
      lexicographic(r, zero_faces_, z, omega, SweepDirection::Forward);
      return;
    }
    // Backward (black, red) then forward (red, black). The two red half-sweeps see the
    // same black values and start from z_red = 0, so together they are one red
    // half-sweep with ω(2-ω): (1-ω)ωg + ωg. One pass and one exchange fewer.
    if (one_pass_) return chain(r, zero_faces_, z, {3, kBlack, {omega, omega * (2 - omega), omega}});
    color(r, zero_faces_, z, omega, kBlack);
    halo_.exchange(z);
    color(r, halo_.faces(), z, omega * (2 - omega), kRed);
    halo_.exchange(z);
    color(r, halo_.faces(), z, omega, kBlack);
  }

  double local_residual_norm2(const DistVector& b, const DistVector& x) const override {
    halo_.exchange(x);
    const auto& coef = a_->coefficients();
    return a_->grid().dim() == 2
               ? kernels::stencil_residual_norm2<2>(halo_.box(), coef, b.view(), halo_.faces(), x.view())
               : kernels::stencil_residual_norm2<3>(halo_.box(), coef, b.view(), halo_.faces(), x.view());
  }

 private:
  static constexpr int kRed = 0, kBlack = 1;

  void lexicographic(const DistVector& b, const kernels::GhostFaces& g, DistVector& x, double omega,
                     SweepDirection dir) const {
    if (a_->grid().dim() == 2)
      kernels::stencil_sor_lexicographic<2>(halo_.box(), a_->coefficients(), b.view(), g, x.view(), omega, dir);
    else
      kernels::stencil_sor_lexicographic<3>(halo_.box(), a_->coefficients(), b.view(), g, x.view(), omega, dir);
  }

  void color(const DistVector& b, const kernels::GhostFaces& g, DistVector& x, double omega, int c) const {
    if (a_->grid().dim() == 2)
      kernels::stencil_sor_color<2>(halo_.box(), a_->coefficients(), b.view(), g, x.view(), omega, c, origin_parity_);
    else
      kernels::stencil_sor_color<3>(halo_.box(), a_->coefficients(), b.view(), g, x.view(), omega, c, origin_parity_);
  }

  /// The half-sweeps of `c` in one pass, then, after an exchange each, those of their
  /// cells next to a rank face that the pass left out (kernels::stencil_sor_color_chain).
  /// `g` serves the first half-sweep; the rest never read a rank face in the pass.
  void chain(const DistVector& b, const kernels::GhostFaces& g, DistVector& x, kernels::ColorChain c) const {
    c.rank_faces = rank_faces_;
    const bool two_d = a_->grid().dim() == 2;
    const auto& box = halo_.box();
    const auto& coef = a_->coefficients();
    if (two_d)
      kernels::stencil_sor_color_chain<2>(box, coef, b.view(), g, x.view(), c, origin_parity_);
    else
      kernels::stencil_sor_color_chain<3>(box, coef, b.view(), g, x.view(), c, origin_parity_);
    for (int h = 1; h < c.half_sweeps; ++h) {
      // The exchange between colours happens at every rank count, as in the separate
      // half-sweeps: a run's communication does not depend on where the chain pays.
      halo_.exchange(x);
      if (rank_faces_ == 0) continue;
      const int color = (c.first_color + h) & 1;
      if (two_d)
        kernels::stencil_sor_color_band<2>(box, coef, b.view(), halo_.faces(), x.view(), c.omega[h], color,
                                           origin_parity_, rank_faces_, h);
      else
        kernels::stencil_sor_color_band<3>(box, coef, b.view(), halo_.faces(), x.view(), c.omega[h], color,
                                           origin_parity_, rank_faces_, h);
    }
  }

  const StencilOperator* a_;
  mutable HaloExchange halo_;  // scratch: sweeps are logically const
  bool red_black_;
  bool one_pass_ = false;    // the half-sweeps of a sweep run as one pass
  unsigned rank_faces_ = 0;  // bit f: face f of the block borders another rank
  int origin_parity_ = 0;
  std::array<kernels::Vector, 6> zero_;
  kernels::GhostFaces zero_faces_;
};

}  // namespace

std::unique_ptr<SweeperImpl> make_stencil_sweeper(const StencilOperator& a, SorOrdering ordering) {
  return std::make_unique<StencilSweeper>(a, ordering);
}

}  // namespace las::detail
