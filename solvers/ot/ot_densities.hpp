// SPDX-License-Identifier: BSD-3-Clause
// W₁ / W₂ between two densities discretised on a regular grid of [0, 1]^dim: the points
// are the cell centres, the weights the normalised density values there, the cost
// |x - y|^p between grid points (p = 1: Euclidean, W₁; p = 2: squared Euclidean, W₂²).
// Every value depends only on the spec, never on the rank count.
#pragma once

#include <vector>

#include "solvers/ot/ot_problem.hpp"

namespace las::ot {

/// An isotropic Gaussian mixture on [0, 1]^dim (truncated there by the grid):
/// Σ_k w_k N(means_k, stds_k² I).
struct GaussianMixtureDensity {
  std::vector<double> means;    ///< dim coordinates per component, component after component
  std::vector<double> stds;     ///< one standard deviation per component (> 0)
  std::vector<double> weights;  ///< one weight per component (> 0); empty: equal weights
};

struct DensityPairSpec {
  int dim = 1;           ///< 1 or 2
  long long grid = 100;  ///< points per axis: n = grid^dim points in each measure
  int p = 2;             ///< ground cost |x - y|^p, p = 1 or 2
  GaussianMixtureDensity source;  ///< rows
  GaussianMixtureDensity target;  ///< columns
};

/// The cell centres ((k + 1/2) / grid per axis) of the grid, row-major with dim
/// coordinates each; in 2D point i = a * grid + b is (centre a, centre b).
std::vector<double> density_grid_points(int dim, long long grid);

/// The density's values at the grid points, normalised to sum 1 (computed in the log
/// domain, so narrow components do not lose precision). InputError, naming `name`, on a
/// malformed mixture or when a weight underflows (a component far narrower than a cell).
std::vector<double> discretise_density(const GaussianMixtureDensity& density, int dim,
                                       long long grid, const std::string& name);

/// The cost p as the point metric between grid points; InputError unless p is 1 or 2.
OtCost density_cost(int p);

/// The OT problem between the two discretised densities: rows are the source's grid
/// points (this rank's block), columns the target's; the cost is computed on the fly.
OtProblem discretised_densities(const Comm& comm, const DensityPairSpec& spec);

}  // namespace las::ot
