// SPDX-License-Identifier: BSD-3-Clause
// String distance behind the "did you mean" hint for unknown deck keys.
#pragma once

#include <cstddef>
#include <string_view>

namespace las::config {

/// Optimal-string-alignment distance between `a` and `b`: the number of single-character
/// insertions, deletions, substitutions and adjacent transpositions that turn one into
/// the other. Transpositions count once because swapped letters ("gird" for "grid") are
/// the commonest typo in key names, which plain Levenshtein would score as two edits.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace las::config
