// SPDX-License-Identifier: BSD-3-Clause
// Writes resolved deck values back as YAML: nested maps for dotted paths, flow
// lists, reals in shortest round-trip form, strings quoted where YAML would
// otherwise read them as something else ("null", "", "a: b").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "solvers/config/value.hpp"

namespace las::config::detail {

/// YAML text of (dotted path, value) pairs; sections appear where their first key does.
std::string emit_yaml(const std::vector<std::pair<std::string, const Value*>>& entries);

}  // namespace las::config::detail
