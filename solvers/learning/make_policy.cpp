// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/make_policy.hpp"

#include "solvers/core/error.hpp"
#include "solvers/learning/binned_tsallis_inf.hpp"
#include "solvers/learning/cheb_cb.hpp"
#include "solvers/learning/fixed_policy.hpp"
#include "solvers/learning/tsallis_inf.hpp"

namespace las::learning {

std::vector<std::string> policy_kinds() {
  return {"tsallis-inf", "tsallis-inf-rv", "tsallis-inf-cb", "chebcb", "fixed"};
}

std::unique_ptr<Policy> make_policy(const PolicyOptions& o) {
  // The constructors validate their own arguments (ConfigError naming the value).
  if (o.kind == "tsallis-inf") return std::make_unique<TsallisInf>(o.arms, o.seed);
  if (o.kind == "tsallis-inf-rv") {
    return std::make_unique<TsallisInf>(o.arms, o.seed, LossEstimator::reduced_variance);
  }
  if (o.kind == "tsallis-inf-cb") {
    return std::make_unique<BinnedTsallisInf>(o.arms, o.seed, o.context_min, o.context_max, o.bins);
  }
  if (o.kind == "chebcb") {
    return std::make_unique<ChebCb>(o.arms, o.seed, o.context_min, o.context_max,
                                    o.chebyshev_degree);
  }
  if (o.kind == "fixed") return std::make_unique<FixedPolicy>(o.arms, o.fixed_arm);
  std::string valid;
  for (const std::string& k : policy_kinds()) valid += (valid.empty() ? "" : ", ") + k;
  throw ConfigError("policy kind '" + o.kind + "' is unknown (valid: " + valid + ")");
}

}  // namespace las::learning
