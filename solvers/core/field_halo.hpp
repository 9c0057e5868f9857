// SPDX-License-Identifier: BSD-3-Clause
// The ghost layer of a network feature map across ranks: faces, edges and corners, as
// a 3x3(x3) convolution needs them.
#pragma once

#include "kernels/nn_field.hpp"
#include "solvers/core/box_grid.hpp"

namespace las {

/// Fills every ghost cell of `field` (all channels): from the neighbouring rank of
/// `grid` across a rank interface, with zero on a physical boundary ('same' zero
/// padding). The field's block may be the grid's block or a 2^l-coarsened copy of it
/// (the pooling level): only the neighbour relations of `grid` are used. Edges and
/// corners come for free by exchanging along x, then y over the x-padded extent, then z
/// over the x- and y-padded extent. Collective over grid.comm().
void exchange_field_ghosts(const BoxGrid& grid, const kernels::NnField& field);

}  // namespace las
