// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/relaxation/ssor_preconditioner.hpp"

#include <sstream>

namespace las {

SsorPreconditioner::SsorPreconditioner(const LinearOperator& a, double omega, SorOrdering ordering)
    : sweeper_((check_omega(omega, "SsorPreconditioner"), a), ordering), omega_(omega) {}

void SsorPreconditioner::apply(const DistVector& r, DistVector& z) const {
  sweeper_.symmetric_from_zero(r, z, omega_);
}

std::string SsorPreconditioner::name() const {
  std::ostringstream os;
  os << "ssor(omega=" << omega_ << ", " << to_string(sweeper_.ordering()) << ")";
  return os.str();
}

void SsorPreconditioner::set_omega(double omega) {
  check_omega(omega, "SsorPreconditioner");
  omega_ = omega;
}

}  // namespace las
