// SPDX-License-Identifier: BSD-3-Clause
// Output times and time steps shared by the reference-data solvers: snapshots at
// t_j = j T / (snapshots - 1), j = 0..snapshots-1 (t = 0, the initial condition, included),
// each interval split into equal steps no longer than a maximum.
#pragma once

#include <vector>

namespace las::pde {

/// t_j = j T / (snapshots - 1). Throws las::Error unless T > 0 and snapshots >= 2.
std::vector<double> snapshot_times(double t_final, int snapshots);

/// Steps per snapshot interval: the fewest equal steps of length <= max_dt (at least 1).
/// Throws las::Error unless both are positive.
long long steps_per_interval(double interval, double max_dt);

/// The centres (i + 1/2) / cells of `cells` equal cells of [0, 1].
std::vector<double> cell_centres(int cells);

/// i / n, i = 0..n-1: the nodes of a periodic grid on [0, 1).
std::vector<double> periodic_nodes(int n);

}  // namespace las::pde
