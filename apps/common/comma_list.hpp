// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>
#include <vector>

namespace las::app {

/// The items of a comma-separated deck value ("dcdm, cg,petsc_icc"), blanks around each
/// item trimmed, empty items dropped. The schema has no string-list type; the apps'
/// method and policy lists are such strings.
std::vector<std::string> split_comma_list(const std::string& text);

}  // namespace las::app
