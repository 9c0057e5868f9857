// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/pde/time_grid.hpp"

#include <algorithm>
#include <cmath>

#include "solvers/core/error.hpp"

namespace las::pde {

std::vector<double> snapshot_times(double t_final, int snapshots) {
  LAS_CHECK(t_final > 0 && snapshots >= 2, "snapshot_times: need t_final > 0 and >= 2 snapshots (got "
                                               << t_final << ", " << snapshots << ")");
  std::vector<double> t(static_cast<std::size_t>(snapshots));
  for (int j = 0; j < snapshots; ++j) t[static_cast<std::size_t>(j)] = t_final * j / (snapshots - 1);
  return t;
}

long long steps_per_interval(double interval, double max_dt) {
  LAS_CHECK(interval > 0 && max_dt > 0, "steps_per_interval: interval and max_dt must be positive (got "
                                            << interval << ", " << max_dt << ")");
  // The relative slack keeps an exact multiple (500/100 with max_dt = 0.5) from gaining a step.
  return std::max(1LL, static_cast<long long>(std::ceil(interval / max_dt * (1.0 - 1e-12))));
}

std::vector<double> cell_centres(int cells) {
  std::vector<double> x(static_cast<std::size_t>(cells));
  for (int i = 0; i < cells; ++i) x[static_cast<std::size_t>(i)] = (i + 0.5) / cells;
  return x;
}

std::vector<double> periodic_nodes(int n) {
  std::vector<double> x(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = static_cast<double>(i) / n;
  return x;
}

}  // namespace las::pde
