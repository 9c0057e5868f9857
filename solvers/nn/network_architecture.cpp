// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/network_architecture.hpp"

#include <sstream>

#include "solvers/core/error.hpp"

namespace las::nn {

long long NetworkArchitecture::parameter_count() const {
  const long long taps = dim == 3 ? 27 : 9;
  const long long c = channels;
  const long long inner = 2LL * (pairs_before + pairs_coarse + pairs_after) * (c * c * taps + c);
  return (taps * c + c) + inner + (c + 1);
}

double NetworkArchitecture::flops_per_cell() const {
  const double taps = dim == 3 ? 27 : 9;
  const double c = channels;
  const double coarse_fraction = dim == 3 ? 1.0 / 8 : 1.0 / 4;
  const double pair = 2 * 2 * taps * c * c;  // two convs, a multiply-add counts 2
  return 2 * taps * c + pair * (pairs_before + pairs_after) + pair * pairs_coarse * coarse_fraction + 2 * c;
}

std::string NetworkArchitecture::description() const {
  std::ostringstream s;
  s << dim << "D, " << channels << " channels, residual pairs " << pairs_before << "/" << pairs_coarse << "/"
    << pairs_after << " (" << parameter_count() << " parameters)";
  return s.str();
}

void NetworkArchitecture::validate() const {
  if (dim != 2 && dim != 3) throw ConfigError("network.dim: must be 2 or 3, got " + std::to_string(dim));
  if (channels < 1) throw ConfigError("network.channels: must be >= 1, got " + std::to_string(channels));
  if (pairs_before < 0 || pairs_coarse < 0 || pairs_after < 0) {
    throw ConfigError("network: residual pair counts must be >= 0");
  }
}

}  // namespace las::nn
