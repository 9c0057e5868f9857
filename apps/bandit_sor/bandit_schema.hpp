// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "solvers/config/schema.hpp"

namespace las::bandit_sor {

/// Every deck key of las_bandit_sor with its default (`las_bandit_sor --keys`).
config::Schema make_schema();

}  // namespace las::bandit_sor
