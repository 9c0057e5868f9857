// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/policy.hpp"

#include <cmath>

#include "solvers/core/error.hpp"

namespace las::learning {

std::vector<double> omega_grid(double first, double last, int count) {
  if (count < 1)
    throw ConfigError("omega_grid: count = " + std::to_string(count) + " must be >= 1");
  if (!std::isfinite(first) || !std::isfinite(last)) {
    throw ConfigError("omega_grid: bounds " + std::to_string(first) + ", " + std::to_string(last) +
                      " must be finite");
  }
  if (count == 1) return {first};
  // MATLAB's linspace: first + i·(last − first)/(count − 1), the last point exactly `last`.
  std::vector<double> grid(static_cast<size_t>(count));
  const double step = (last - first) / static_cast<double>(count - 1);
  for (int i = 0; i < count; ++i)
    grid[static_cast<size_t>(i)] = first + static_cast<double>(i) * step;
  grid.back() = last;
  return grid;
}

}  // namespace las::learning
