// SPDX-License-Identifier: BSD-3-Clause
// Filling grid vectors from functions of the node position or global index (host side,
// once per instance; not a hot loop).
#pragma once

#include <array>
#include <functional>
#include <vector>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"

namespace las::sequences {

/// v(node) = f(x, y, z) at the node positions ((i+1)h, (j+1)h, (k+1)h), h = 1/(n+1).
DistVector sample_on_grid(const BoxGrid& grid, const std::function<double(double, double, double)>& f,
                          const std::string& label);

/// v(node) = f(i, j, k) of the node's global indices (the same field at any rank count).
DistVector field_from_indices(const BoxGrid& grid, const std::function<double(long long, long long, long long)>& f,
                              const std::string& label);

/// v(node) = global[natural index], natural index = i + nx (j + ny k): a vector given in
/// the grid's natural (rank-independent) order, scattered to this rank's block.
DistVector scatter_natural(const BoxGrid& grid, const std::vector<double>& global, const std::string& label);

}  // namespace las::sequences
