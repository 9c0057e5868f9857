// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/schema.hpp"

namespace las::adasketch_app {

/// Every deck key of las_adasketch, with defaults, bounds and one-line help.
config::Schema make_schema();

}  // namespace las::adasketch_app
