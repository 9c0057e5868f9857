// SPDX-License-Identifier: BSD-3-Clause
// Turns one parsed YAML node into a validated Value for a KeySpec: type, list
// elements, bounds and choices. Shared by the deck loader and Schema::add (which
// checks each default the same way a user's value is checked).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "solvers/config/schema.hpp"
#include "solvers/config/value.hpp"

namespace las::config::detail {

/// Converts `node` to a value of `spec.type` and checks it against spec's choices and
/// bounds. On failure returns false and sets `why` to the reason alone ("expected an
/// integer", "must be >= 1", "element 2 of 2: must be >= 1", "must be one of cg, jacobi").
/// A null node (a key written with no value) is a failure: "has no value".
bool convert(const YAML::Node& node, const KeySpec& spec, Value& out, std::string& why);

/// The node as written, on one line: a scalar's text, a list or map in flow style
/// ("[1, 2]", "{n: 4}"), "" for null.
std::string describe(const YAML::Node& node);

}  // namespace las::config::detail
