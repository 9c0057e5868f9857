// SPDX-License-Identifier: BSD-3-Clause
// SOR sweeps of a DistCsrMatrix on each rank's diagonal block, lexicographic or
// multicolour. Across ranks both are block-Jacobi, like PETSc's PCSOR: the
// off-diagonal block is applied to the ghost values of x at the start of the sweep
// and moved to the right-hand side, so the iteration count depends on the rank count.
#include "kernels/blas1.hpp"
#include "kernels/relaxation.hpp"
#include "solvers/relaxation/detail/sweeper_impl.hpp"

namespace las::detail {
namespace {

using kernels::SweepDirection;

class CsrSweeper final : public SweeperImpl {
 public:
  CsrSweeper(const DistCsrMatrix& a, SorOrdering ordering)
      : a_(&a),
        multicolor_(ordering == SorOrdering::Multicolor),
        ghosts_("las::sor_ghosts", a.ghost_columns().size()),
        rhs_("las::sor_rhs", size_t(a.local_rows())),
        ax_(a.create_vector("las::sor_ax")) {
    if (multicolor_) coloring_ = kernels::csr_greedy_coloring(a.diagonal_block());
  }

  void sweep(const DistVector& b, DistVector& x, double omega) const override {
    // Collective even where this rank has no ghosts: its neighbours may need its values.
    a_->import_ghosts(x, ghosts_);
    kernels::ConstVector rhs = b.view();
    if (ghosts_.extent(0) > 0) {
      kernels::copy(b.view(), rhs_);
      kernels::spmv(-1.0, a_->offdiagonal_block(), ghosts_, 1.0, rhs_);
      rhs = rhs_;
    }
    local(rhs, x, omega, SweepDirection::Forward);
  }

  void symmetric_from_zero(const DistVector& r, DistVector& z, double omega) const override {
    // Block-Jacobi SSOR: the ghosts of z stay 0, so M is block diagonal and symmetric.
    kernels::fill(z.view(), 0.0);
    local(r.view(), z, omega, SweepDirection::Backward);
    local(r.view(), z, omega, SweepDirection::Forward);
  }

  double local_residual_norm2(const DistVector& b, const DistVector& x) const override {
    a_->apply(x, ax_);
    return kernels::residual_norm2(b.view(), ax_.view());
  }

 private:
  void local(const kernels::ConstVector& rhs, DistVector& x, double omega, SweepDirection dir) const {
    if (multicolor_)
      kernels::csr_sor_multicolor(a_->diagonal_block(), coloring_, rhs, x.view(), omega, dir);
    else
      kernels::csr_sor_lexicographic(a_->diagonal_block(), rhs, x.view(), omega, dir);
  }

  const DistCsrMatrix* a_;
  bool multicolor_;
  kernels::CsrColoring coloring_;
  kernels::Vector ghosts_, rhs_;
  mutable DistVector ax_;  // scratch for the residual
};

}  // namespace

std::unique_ptr<SweeperImpl> make_csr_sweeper(const DistCsrMatrix& a, SorOrdering ordering) {
  return std::make_unique<CsrSweeper>(a, ordering);
}

}  // namespace las::detail
