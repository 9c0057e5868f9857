// SPDX-License-Identifier: BSD-3-Clause
// AdaSketch-Newton's large-scale path, on the distributed PDE-constrained problem
// (poisson_control_grid.hpp): the loop of ada_sketch_newton.hpp with its rules shared
// (ada_sketch_rules.hpp), but nothing formed densely. The accuracy test's spectra
// (‖K‖, ‖J‖, ξ_G, ‖∇²ₓL‖ = ‖B‖) are the problem's closed forms
// (poisson_control_spectra.hpp: J and ∇²ₓL are constant, ∇²ₓL ⪰ 0.1 I so B = ∇²ₓL), the
// KKT system is solved by grid_sketch_solve, and every vector is distributed. Each
// iteration is logged on rank 0 (KKT residual, merit, step, inner sketch iterations,
// penalties).
#pragma once

#include "solvers/opt/ada_sketch_newton.hpp"
#include "solvers/opt/distributed/poisson_control_grid.hpp"

namespace las::opt {

/// From `point` (x and λ; on exit the last iterate). The result's x and λ stay empty (the
/// iterate is distributed: it is `point`). ConfigError for a sketch this path lacks.
/// Collective.
OptResult grid_ada_sketch_newton(const PoissonControlGrid& problem, GridKktVector& point,
                                 const AdaSketchOptions& options);

}  // namespace las::opt
