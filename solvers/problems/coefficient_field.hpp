// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <cstdint>
#include <string>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/stencil_operator.hpp"

namespace las {

/// How the diffusion coefficient κ of a Poisson-type problem is defined.
struct CoefficientSpec {
  std::string kind = "constant";  ///< constant | inclusions | layered | file
  double value = 1.0;             ///< constant: κ; others: background κ
  double contrast = 100.0;        ///< inclusions/layered: κ inside / κ background
  int count = 8;                  ///< inclusions: how many balls
  double radius = 0.1;            ///< inclusions: ball radius (unit domain)
  std::uint64_t seed = 1;         ///< inclusions: placement seed
  int layers = 4;                 ///< layered: bands along the last axis
  std::string file;               ///< file: HDF5 file with node values on the grid
  std::string dataset = "kappa";  ///< file: dataset name ([nz][ny][nx] or [ny][nx])
};

/// κ at every node of the grid (and one step outside it, clamped to the boundary),
/// as the StencilOperator expects. Random inclusions are placed identically on every
/// rank from the seed (a portable generator, not std:: distributions). A file field is
/// read collectively: each rank reads its block plus a one-node halo.
NodeCoefficient make_coefficient(const BoxGrid& grid, const CoefficientSpec& spec);

}  // namespace las
