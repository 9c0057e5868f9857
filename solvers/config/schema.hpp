// SPDX-License-Identifier: BSD-3-Clause
// The set of deck keys an app accepts. Each component (grid, solver, output, ...)
// contributes its keys; the app merges them into one Schema and hands it to
// Deck::load, which rejects anything the schema does not describe.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace las::config {

/// The value type of a deck key.
enum class Type { Int, Real, String, Bool, IntList, RealList };

/// "int", "real", "string", "bool", "int list", "real list" (used in --help and messages).
const char* type_name(Type type);

/// One valid deck key. Members have defaults so a spec can be written as
/// `KeySpec{"solver.rtol", Type::Real, "1e-8", "relative tolerance"}` without
/// spelling out the optional fields (and without -Wmissing-field-initializers).
struct KeySpec {
  /// Dotted path, e.g. "grid.n" or "solver.rtol".
  std::string path;
  /// Value type.
  Type type = Type::String;
  /// Default as YAML text ("1e-8", "[64, 64]", "cg"); empty = a required key
  /// (an empty-string default is written "\"\"").
  std::string default_yaml = {};
  /// One line for --help.
  std::string help = {};
  /// Allowed values of a String key (empty = any).
  std::vector<std::string> choices = {};
  /// Inclusive lower bound of an Int/Real key (of each element of a list).
  std::optional<double> min = {};
  /// Inclusive upper bound of an Int/Real key (of each element of a list).
  std::optional<double> max = {};
};

/// The keys an app accepts, in the order they were added (the order of --help and of
/// the resolved YAML). Every problem with a spec is a programming error: add() throws
/// las::Error, never ConfigError, so a bad schema is caught by the first test that builds it.
class Schema {
 public:
  /// Adds a key. Throws las::Error on a duplicate path, a malformed path (empty
  /// component, characters other than [A-Za-z0-9_-]), a path that is also a section
  /// of another key ("grid" next to "grid.n"), choices on a non-String key, bounds on
  /// a non-numeric key, min > max, or a default that is not a valid value of the key.
  Schema& add(KeySpec spec);
  /// Adds every key of `other` (a component's piece), with the same checks as add().
  Schema& merge(const Schema& other);

  /// The spec of a key, or nullptr when `path` is not a key (sections are not keys).
  const KeySpec* find(const std::string& path) const;
  /// True when `path` is a section: a proper dotted prefix of some key ("grid" for "grid.n").
  bool is_section(const std::string& path) const;
  /// The valid path (key or section) closest to `path` by edit distance, ties broken
  /// by schema order; empty when the schema is empty. Used for "did you mean" hints.
  std::string closest(const std::string& path) const;
  /// A table, one key a line: key, type, default ("(required)" when none),
  /// allowed values (choices or bounds), help.
  std::string help_text() const;
  /// All keys, in the order they were added.
  const std::vector<KeySpec>& keys() const { return keys_; }

 private:
  std::vector<KeySpec> keys_;
  std::map<std::string, std::size_t> index_;  // path -> position in keys_
  std::set<std::string> sections_;            // every proper dotted prefix of a key
  std::vector<std::string> section_order_;    // sections in order of first appearance
};

}  // namespace las::config
