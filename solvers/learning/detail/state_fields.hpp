// SPDX-License-Identifier: BSD-3-Clause
// Internal: typed access to a StateRecord's named arrays with the checks every
// restore() needs (kind, presence, size, configured arms), so each policy's restore
// is a list of fields and a bad checkpoint always gives an InputError naming the field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "solvers/learning/policy.hpp"
#include "solvers/learning/rng.hpp"

namespace las::learning::detail {

/// InputError unless record.kind == expected.
void check_kind(const StateRecord& record, const std::string& expected);
/// The reals field `key`; InputError when missing or not of length `size`.
const std::vector<double>& reals(const StateRecord& record, const std::string& key, size_t size);
/// The integers field `key`; InputError when missing or not of length `size`.
const std::vector<std::int64_t>& integers(const StateRecord& record, const std::string& key,
                                          size_t size);
/// The single integer `key`.
std::int64_t integer(const StateRecord& record, const std::string& key);
/// The single real `key`.
double real(const StateRecord& record, const std::string& key);
/// The RNG words `key` (4 words, not all zero).
Rng::State rng_state(const StateRecord& record, const std::string& key);
/// InputError unless the record's "arms" equal `arms` exactly: a checkpoint taken on
/// another grid cannot be continued (its losses belong to other ω).
void check_arms(const StateRecord& record, const std::vector<double>& arms);

/// Copies every field of `part` into `into` as prefix + name (sub-learners).
void merge_prefixed(StateRecord& into, const StateRecord& part, const std::string& prefix);
/// The fields of `from` whose names start with `prefix`, prefix removed, as a record of
/// `kind` (the inverse of merge_prefixed).
StateRecord extract_prefixed(const StateRecord& from, const std::string& prefix,
                             const std::string& kind);

}  // namespace las::learning::detail
