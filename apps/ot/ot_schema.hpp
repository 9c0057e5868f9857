// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/schema.hpp"

namespace las::ot_app {

/// Every deck key of las_ot, with defaults, bounds and one-line help.
config::Schema make_schema();

}  // namespace las::ot_app
