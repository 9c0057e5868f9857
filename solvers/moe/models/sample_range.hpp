// SPDX-License-Identifier: BSD-3-Clause
// What the readers of las_pde_data sets (diffusion_sorption_data.hpp, navier_stokes_data.hpp)
// share: a range of trajectories of the sample dataset, checked, and required root
// attributes, each failure one line naming the file.
#pragma once

#include <string>

#include "solvers/core/comm.hpp"
#include "solvers/io/item_array_io.hpp"

namespace las::moe {

/// Collective: samples [first, first + count) (count -1: all from `first`) of `dataset`,
/// which must have `dims` dimensions (`layout` names them for the message, e.g.
/// "[count][snapshots][cells]", and `kind` the set, e.g. "diffusion-sorption"). The block's
/// shape is the whole dataset's; `count` is set to the samples read. Every rank throws the
/// same las::InputError otherwise.
io::ItemBlock read_sample_range(const Comm& comm, const std::string& file, const std::string& dataset,
                                std::size_t dims, const std::string& layout, const std::string& kind,
                                long long first, long long& count);

/// A numeric root attribute the set must have (las::InputError naming it otherwise).
double required_root_number(const Comm& comm, const std::string& file, const std::string& name);

}  // namespace las::moe
