// SPDX-License-Identifier: BSD-3-Clause
// A validated deck value. The alternative held always matches the key's Type
// (Int -> long long, Real -> double, ..., RealList -> std::vector<double>).
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace las::config::detail {

/// One validated value; the variant index follows the order of config::Type.
using Value =
    std::variant<long long, double, std::string, bool, std::vector<long long>, std::vector<double>>;

/// One-line text of a value for messages: scalars as written, lists as "[64, 64]".
std::string render(const Value& value);

}  // namespace las::config::detail
