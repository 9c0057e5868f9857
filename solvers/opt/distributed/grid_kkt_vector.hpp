// SPDX-License-Identifier: BSD-3-Clause
// A point (or direction) of the KKT system of a problem whose unknowns live on the cells
// of a BoxGrid: state w, control z and multiplier λ, one value of each per cell, each a
// DistVector with the grid's distribution (the rank that owns a cell owns its three
// entries). Reductions over the three blocks take one all-reduce.
#pragma once

#include <vector>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"

namespace las::opt {

struct GridKktVector {
  DistVector w, z, lambda;
};

/// Zero-filled, on the grid's cells.
GridKktVector make_grid_kkt_vector(const BoxGrid& grid, const std::string& label = "las::kkt_vector");
/// A deep copy.
GridKktVector clone(const GridKktVector& v);

/// Global x·y over the three blocks (one all-reduce).
double dot(const GridKktVector& x, const GridKktVector& y);
double norm2(const GridKktVector& x);
/// True on every rank when any entry is NaN or infinite.
bool has_nonfinite(const GridKktVector& x);
/// y += a x
void axpy(double a, const GridKktVector& x, GridKktVector& y);
/// y = x
void copy(const GridKktVector& x, GridKktVector& y);
void fill(GridKktVector& x, double value);
/// y = x + a d (a trial point of a line search)
void add_scaled(const GridKktVector& x, double a, const GridKktVector& d, GridKktVector& y);

/// All of v in the grid's natural order (cell i + nx (j + ny k)), on every rank
/// (collective; for tests and small reports).
std::vector<double> gather_natural(const BoxGrid& grid, const DistVector& v);

}  // namespace las::opt
