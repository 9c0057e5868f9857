// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/kkt_operator.hpp"

#include <algorithm>
#include <utility>

#include "solvers/core/error.hpp"

namespace las::opt {

KktOperator::KktOperator(const ConstrainedProblem& problem, Vector x, Vector lambda, double shift)
    : problem_(problem), x_(std::move(x)), lambda_(std::move(lambda)), shift_(shift),
      n_(problem.variables()), m_(problem.constraints()) {
  LAS_CHECK(static_cast<int>(x_.size()) == n_ && static_cast<int>(lambda_.size()) == m_,
            problem.name() << ": KKT operator at a point of " << x_.size() << " + " << lambda_.size()
                           << " entries, need " << n_ << " + " << m_);
  LAS_CHECK(shift_ >= 0.0, "KKT operator shift " << shift_ << " must be >= 0");
}

void KktOperator::apply(const Vector& v, Vector& out) const {
  LAS_CHECK(static_cast<int>(v.size()) == n_ + m_, "KKT apply: " << v.size() << " entries, need " << n_ + m_);
  vx_.assign(v.begin(), v.begin() + n_);
  vl_.assign(v.begin() + n_, v.end());
  problem_.lagrangian_hessian_apply(x_, lambda_, vx_, hv_);
  problem_.jacobian_transpose_apply(x_, vl_, jtw_);
  problem_.jacobian_apply(x_, vx_, jv_);
  out.resize(v.size());
  for (int i = 0; i < n_; ++i) {
    const auto k = static_cast<std::size_t>(i);
    out[k] = hv_[k] + shift_ * vx_[k] + jtw_[k];
  }
  std::copy(jv_.begin(), jv_.end(), out.begin() + n_);
}

}  // namespace las::opt
