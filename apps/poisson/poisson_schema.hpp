// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/schema.hpp"

namespace las::poisson {

/// Every deck key of las_poisson, with defaults, bounds and one-line help.
config::Schema make_schema();

}  // namespace las::poisson
