// SPDX-License-Identifier: BSD-3-Clause
// Sketch-and-project (sketch_solver.hpp) on the distributed KKT system of the
// PDE-constrained problem, K d = b with K, d, b over the grid's ranks. The random choices
// do not depend on the rank count, so 1 and 2 ranks take the same steps (to the rounding
// of the all-reduced sums):
//  - kaczmarz, kaczmarz_row_norm, block_kaczmarz (q distinct rows), sparse_sign (q
//    columns of a few ±1/√s entries): the rows are drawn from one xoshiro stream that
//    every rank advances identically; K is symmetric, so W = K S is a few rows of K, known
//    on every rank in closed form (PoissonControlGrid::kkt_row), and so is WᵀW; Sᵀr comes
//    from the rows' owners in the all-reduce that also gives ‖r‖, and each rank updates
//    the entries of d it owns;
//  - gaussian (block_size q columns): entry e of column k of the sketch at step t is the
//    counter-based normal (seed, draw, e) of its global entry number e = block·N² + cell
//    (counter_normal.hpp), W = K S is q products, and WᵀW and Sᵀr take one all-reduce.
// The authors' code recomputes r = K d − b every step, an O(N²) apply. Here the sparse
// sketches update r with d (a step moves a few entries of d, hence of r), so a step costs
// O(q s) plus the all-reduce, with r recomputed every 3N² steps and before any stop; the
// Gaussian sketch, dense, recomputes it.
#pragma once

#include <cstdint>

#include "solvers/learning/rng.hpp"
#include "solvers/opt/distributed/poisson_control_grid.hpp"
#include "solvers/opt/sketch_solver.hpp"

namespace las::opt {

/// The random streams of a run, carried from one solve to the next.
struct GridSketchStreams {
  explicit GridSketchStreams(std::uint64_t stream_seed) : rng(stream_seed), seed(stream_seed) {}
  learning::Rng rng;        ///< sparse sketches' rows and signs (identical on every rank)
  std::uint64_t seed;       ///< Gaussian sketches: the counter-based normals' seed
  std::uint64_t draws = 0;  ///< Gaussian sketch columns drawn so far
};

/// ConfigError unless validate(options) holds.
void validate_grid_sketch(const SketchOptions& options);

/// Improves d (warm start) until ‖K d − b‖ <= tolerance or options.max_iterations steps.
/// Collective.
SketchResult grid_sketch_solve(const PoissonControlGrid& problem, const GridKktVector& b, GridKktVector& d,
                               double tolerance, const SketchOptions& options, GridSketchStreams& streams);

}  // namespace las::opt
