// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"

namespace las {

/// The manufactured solution u = Π_a x_a (1 - x_a) e^{x_a} on the grid's nodes, and the
/// right-hand side f = -κΔu that makes it the exact solution of -κΔu = f with u = 0 on
/// the boundary. The discrete error falls as h² (second order).
DistVector manufactured_solution(const BoxGrid& grid);
DistVector manufactured_rhs(const BoxGrid& grid, double kappa);
/// A vector with every entry `value` (the f = 1 load for variable coefficients).
DistVector constant_vector(const BoxGrid& grid, double value);

}  // namespace las
