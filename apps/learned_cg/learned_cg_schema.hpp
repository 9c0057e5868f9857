// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/schema.hpp"

namespace las::learned_cg {

/// Every deck key of las_learned_cg.
config::Schema make_schema();

}  // namespace las::learned_cg
