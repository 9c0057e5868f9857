// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/nn/network_architecture.hpp"

#include <sstream>

#include "solvers/core/error.hpp"

namespace las::nn {

long long NetworkArchitecture::parameter_count() const {
  const long long taps = dim == 3 ? 27 : 9;
  const long long c = channels;
  const long long inner = 2LL * pair_count() * (c * c * taps + c);
  return (taps * c + c) + inner + (c + 1);
}

double NetworkArchitecture::flops_per_cell() const {
  const double taps = dim == 3 ? 27 : 9;
  const double c = channels;
  const double coarse_fraction = dim == 3 ? 1.0 / 8 : 1.0 / 4;
  const double pair = 2 * 2 * taps * c * c;  // two convs, a multiply-add counts 2
  double cells = 1, pairs = 0;               // cells of a level per fine cell
  for (int level = 0; level < levels; ++level, cells *= coarse_fraction) pairs += cells * (pairs_before + pairs_after);
  pairs += cells * pairs_coarse;
  return 2 * taps * c + pair * pairs + 2 * c;
}

std::string NetworkArchitecture::description() const {
  std::ostringstream s;
  s << dim << "D, " << channels << " channels, residual pairs " << pairs_before << "/" << pairs_coarse << "/"
    << pairs_after;
  if (levels != 1) s << ", " << levels << " pooling levels";
  s << " (" << parameter_count() << " parameters)";
  return s.str();
}

void NetworkArchitecture::validate() const {
  if (dim != 2 && dim != 3) throw ConfigError("network.dim: must be 2 or 3, got " + std::to_string(dim));
  if (channels < 1) throw ConfigError("network.channels: must be >= 1, got " + std::to_string(channels));
  if (pairs_before < 0 || pairs_coarse < 0 || pairs_after < 0) {
    throw ConfigError("network: residual pair counts must be >= 0");
  }
  if (levels < 1 || levels > kMaxLevels) {
    throw ConfigError("network.levels: must be in [1, " + std::to_string(kMaxLevels) + "], got " +
                      std::to_string(levels));
  }
}

}  // namespace las::nn
