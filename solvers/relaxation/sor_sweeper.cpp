// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/relaxation/sor_sweeper.hpp"

#include <cmath>
#include <sstream>

#include "solvers/core/error.hpp"
#include "solvers/relaxation/detail/sweeper_impl.hpp"

namespace las {

std::string to_string(SorOrdering ordering) {
  switch (ordering) {
    case SorOrdering::Lexicographic: return "lexicographic";
    case SorOrdering::RedBlack: return "red-black";
    case SorOrdering::Multicolor: return "multicolor";
  }
  return "unknown";
}

void check_omega(double omega, const std::string& who) {
  if (!(omega > 0 && omega < 2)) {
    std::ostringstream os;
    os << who << ": omega = " << omega << " is outside (0, 2), where SOR/SSOR converge";
    throw ConfigError(os.str());
  }
}

namespace {

[[noreturn]] void unsupported(const LinearOperator& a, SorOrdering ordering, const char* supported) {
  throw ConfigError("SOR ordering '" + to_string(ordering) + "' is not available for " +
                    a.description() + " (supported: " + supported + ")");
}

}  // namespace

SorSweeper::SorSweeper(const LinearOperator& a, SorOrdering ordering) : ordering_(ordering) {
  if (const auto* st = dynamic_cast<const StencilOperator*>(&a)) {
    if (ordering == SorOrdering::Multicolor) unsupported(a, ordering, "lexicographic, red-black");
    impl_ = detail::make_stencil_sweeper(*st, ordering);
  } else if (const auto* csr = dynamic_cast<const DistCsrMatrix*>(&a)) {
    if (ordering == SorOrdering::RedBlack) unsupported(a, ordering, "lexicographic, multicolor");
    impl_ = detail::make_csr_sweeper(*csr, ordering);
  } else {
    unsupported(a, ordering, "a StencilOperator or a DistCsrMatrix");
  }
}

SorSweeper::~SorSweeper() = default;
SorSweeper::SorSweeper(SorSweeper&&) noexcept = default;

void SorSweeper::sweep(const DistVector& b, DistVector& x, double omega) const {
  impl_->sweep(b, x, omega);
}

void SorSweeper::symmetric_from_zero(const DistVector& r, DistVector& z, double omega) const {
  impl_->symmetric_from_zero(r, z, omega);
}

double SorSweeper::residual_norm(const DistVector& b, const DistVector& x) const {
  return std::sqrt(b.comm().sum(impl_->local_residual_norm2(b, x)));
}

}  // namespace las
