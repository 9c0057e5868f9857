// SPDX-License-Identifier: BSD-3-Clause
// A validated run configuration: schema defaults, then the YAML deck, then
// command-line "key=value" overrides. All validation happens in Deck::load, so an
// app with a bad deck stops before it allocates or computes anything, with a
// one-line message naming the file (or "command line"), the key and the value.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "solvers/config/schema.hpp"
#include "solvers/config/value.hpp"
#include "solvers/core/comm.hpp"

namespace las::config {

/// The resolved configuration of a run: one validated value for every schema key.
/// Deck files are nested maps ("grid:\n  n: [64, 64]"); a dotted key at any level
/// ("grid.n: [64, 64]") means the same. Identical on every rank after load().
class Deck {
 public:
  /// Collective over `comm`: rank 0 reads the file and broadcasts its text (never every
  /// rank reading the file); every rank parses and validates it and, on a problem,
  /// every rank throws the same las::ConfigError. `path` may be empty: defaults only.
  /// `overrides` are command-line "key=value" strings, the value parsed as YAML
  /// (grid.n=[128,64]); they win over the file, and a later one wins over an earlier
  /// one. They must be the same on every rank (they normally come from argv).
  /// Errors (one line each): unreadable file, invalid YAML (with line:column), more
  /// than one YAML document, a top level that is not a map, unknown key (with the
  /// closest valid key), duplicate key in the file, a section written as a value,
  /// type mismatch, out-of-bounds value, value not among choices, key with no
  /// value, malformed override (no '=', or an empty key), missing required key.
  static Deck load(const las::Comm& comm, const std::string& path,
                   const std::vector<std::string>& overrides, const Schema& schema);

  /// The value of an Int key. Throws las::Error when `path` is not a key of the
  /// schema or is not an Int key (both programming errors); likewise for each getter.
  long long get_int(const std::string& path) const;
  /// The value of a Real key (an Int key is not accepted: types are exact).
  double get_real(const std::string& path) const;
  /// The value of a String key.
  std::string get_string(const std::string& path) const;
  /// The value of a Bool key.
  bool get_bool(const std::string& path) const;
  /// The value of an IntList key.
  std::vector<long long> get_int_list(const std::string& path) const;
  /// The value of a RealList key.
  std::vector<double> get_real_list(const std::string& path) const;

  /// The full configuration as YAML text (nested maps, schema order, defaults filled
  /// in), for the start-up log and output files. Loading it as a deck with the same
  /// schema gives bit-identical values.
  std::string resolved_yaml() const;
  /// The deck path given to load(), or "(defaults)" when there was none.
  const std::string& source() const { return source_; }
  /// Throws las::ConfigError in the standard format for a check the schema cannot
  /// express (e.g. "grid.n must divide by the process grid"):
  /// "<origin>: key '<path>' = '<value>': <why>", where <origin> is where the value
  /// came from (the deck file or "command line"; a default reads
  /// "<source> ... = '<value>' (default): <why>"). Every rank holds the same deck, so
  /// a check made on every rank fails on every rank alike. Throws las::Error when
  /// `path` is not a key.
  [[noreturn]] void fail(const std::string& path, const std::string& why) const;

 private:
  struct Entry {
    Type type = Type::String;
    detail::Value value;
    bool has_value = false;
    std::string origin;  // deck path, "command line", or empty for a default
  };
  class Builder;  // the validating walk over a deck or override (deck.cpp)

  Deck() = default;
  const Entry& entry(const std::string& path, Type wanted, const char* getter) const;

  std::string source_;
  std::vector<std::string> order_;        // schema order, for resolved_yaml()
  std::map<std::string, Entry> entries_;  // one per schema key
};

}  // namespace las::config
