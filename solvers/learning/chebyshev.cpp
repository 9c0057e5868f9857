// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/chebyshev.hpp"

#include <algorithm>
#include <cmath>

#include "solvers/core/error.hpp"

namespace las::learning {

double chebyshev_coordinate(double context, double a, double b) {
  LAS_CHECK(b > a, "chebyshev_coordinate: empty interval [" << a << ", " << b << "]");
  LAS_CHECK(!std::isnan(context), "chebyshev_coordinate: the context is NaN");
  return std::clamp(2.0 * (context - a) / (b - a) - 1.0, -1.0, 1.0);
}

std::vector<double> chebyshev_features(double u, int count) {
  LAS_CHECK(count >= 1, "chebyshev_features: count = " << count);
  std::vector<double> t(static_cast<size_t>(count));
  t[0] = 1.0;
  if (count > 1) t[1] = u;
  for (size_t k = 2; k < t.size(); ++k) t[k] = 2.0 * u * t[k - 1] - t[k - 2];
  return t;
}

}  // namespace las::learning
