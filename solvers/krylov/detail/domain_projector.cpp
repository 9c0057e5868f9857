// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/krylov/detail/domain_projector.hpp"

#include <cmath>
#include <sstream>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"

namespace las::detail {
namespace {

// Local count of entries that are neither 0 nor 1: a mask is a cell selector, and a
// fractional weight would make Π non-idempotent.
size_t count_non_binary(const kernels::ConstVector& w) {
  size_t n = 0;
  Kokkos::parallel_reduce(
      "las::mask_check", kernels::range(w.extent(0)),
      KOKKOS_LAMBDA(size_t i, size_t& acc) {
        if (w(i) != 0.0 && w(i) != 1.0) ++acc;
      },
      n);
  return n;
}

}  // namespace

DomainProjector::DomainProjector(const LinearOperator& a, const KrylovDomain& d)
    : masked_(d.mask.has_value()),
      neumann_(d.neumann),
      compatibility_tol_(d.compatibility_tol),
      project_incompatible_(d.project_incompatible_rhs) {
  if (!active()) return;
  const Comm& comm = a.comm();
  if (masked_) {
    const DistVector& m = *d.mask;
    const long long local_rows = a.create_vector("las::mask_layout").local_size();
    if (comm.any(m.local_size() != local_rows))
      throw InputError("krylov domain: the mask's layout differs from the operator's rows (" +
                       std::to_string(m.global_size()) + " entries for " +
                       std::to_string(a.global_rows()) + " rows)");
    const long long bad = comm.sum(static_cast<long long>(count_non_binary(m.view())));
    if (bad > 0)
      throw InputError("krylov domain: the mask has " + std::to_string(bad) +
                       " entries other than 0 and 1");
    weight_ = m;
  } else {
    weight_ = a.create_vector("las::neumann_ones");
    fill(weight_, 1.0);
  }
  inside_cells_ = comm.sum(kernels::sum(weight_.view()));
  if (!(inside_cells_ > 0)) throw InputError("krylov domain: the mask has no inside cell");
}

void DomainProjector::project(DistVector& v) const {
  if (masked_) kernels::pointwise_mult(weight_.view(), v.view(), v.view());
  if (neumann_) {
    const double mean = dot(weight_, v) / inside_cells_;
    axpy(-mean, weight_, v);
  }
}

void DomainProjector::project_rhs(const DistVector& b, DistVector& out) const {
  copy(b, out);
  if (masked_) kernels::pointwise_mult(weight_.view(), out.view(), out.view());
  if (!neumann_) return;
  double s = kernels::dot(weight_.view(), out.view());
  double bb = kernels::dot(out.view(), out.view());
  b.comm().sum2(s, bb);
  // |eᵀb| with e the unit null vector, against ||b||: scale-free and independent of n.
  const double null_part = std::abs(s) / std::sqrt(inside_cells_);
  const double bnorm = std::sqrt(bb);
  if (null_part > compatibility_tol_ * bnorm && !project_incompatible_) {
    std::ostringstream os;
    os << "neumann problem: the right-hand side is incompatible (its component along the "
          "constant null space is "
       << null_part / (bnorm > 0 ? bnorm : 1.0) << " of ||b||, tolerance "
       << compatibility_tol_
       << "); make b mean-free over the domain or set project_incompatible_rhs";
    throw InputError(os.str());
  }
  // Even a compatible b carries rounding along the constant; removing it keeps r in the
  // range of A so the residual can fall below that level.
  axpy(-s / inside_cells_, weight_, out);
}

}  // namespace las::detail
