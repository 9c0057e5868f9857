// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/learning/detail/state_fields.hpp"

#include "solvers/core/error.hpp"

namespace las::learning::detail {
namespace {

template <class T>
const std::vector<T>& field(const std::map<std::string, std::vector<T>>& fields,
                            const StateRecord& record, const std::string& key, size_t size,
                            const char* what) {
  const auto it = fields.find(key);
  if (it == fields.end()) {
    throw InputError("state of '" + record.kind + "': missing " + what + " field '" + key + "'");
  }
  if (it->second.size() != size) {
    throw InputError("state of '" + record.kind + "': " + what + " field '" + key + "' has " +
                     std::to_string(it->second.size()) + " entries, expected " +
                     std::to_string(size));
  }
  return it->second;
}

template <class T>
void copy_prefixed(std::map<std::string, std::vector<T>>& into,
                   const std::map<std::string, std::vector<T>>& from, const std::string& prefix) {
  for (const auto& [name, values] : from) into[prefix + name] = values;
}

template <class T>
void strip_prefixed(std::map<std::string, std::vector<T>>& into,
                    const std::map<std::string, std::vector<T>>& from, const std::string& prefix) {
  for (const auto& [name, values] : from) {
    if (name.compare(0, prefix.size(), prefix) == 0) into[name.substr(prefix.size())] = values;
  }
}

}  // namespace

void check_kind(const StateRecord& record, const std::string& expected) {
  if (record.kind != expected) {
    throw InputError("cannot restore a '" + expected + "' policy from a state of kind '" +
                     record.kind + "'");
  }
}

const std::vector<double>& reals(const StateRecord& record, const std::string& key, size_t size) {
  return field(record.reals, record, key, size, "real");
}

const std::vector<std::int64_t>& integers(const StateRecord& record, const std::string& key,
                                          size_t size) {
  return field(record.integers, record, key, size, "integer");
}

std::int64_t integer(const StateRecord& record, const std::string& key) {
  return integers(record, key, 1).front();
}

double real(const StateRecord& record, const std::string& key) {
  return reals(record, key, 1).front();
}

Rng::State rng_state(const StateRecord& record, const std::string& key) {
  const auto& words = field(record.words, record, key, 4, "word");
  return Rng::State{words[0], words[1], words[2], words[3]};
}

void check_arms(const StateRecord& record, const std::vector<double>& arms) {
  if (reals(record, "arms", arms.size()) != arms) {
    throw InputError("state of '" + record.kind +
                     "': its arms differ from the configured arms (a checkpoint of another grid)");
  }
}

void merge_prefixed(StateRecord& into, const StateRecord& part, const std::string& prefix) {
  copy_prefixed(into.reals, part.reals, prefix);
  copy_prefixed(into.integers, part.integers, prefix);
  copy_prefixed(into.words, part.words, prefix);
}

StateRecord extract_prefixed(const StateRecord& from, const std::string& prefix,
                             const std::string& kind) {
  StateRecord part;
  part.kind = kind;
  strip_prefixed(part.reals, from.reals, prefix);
  strip_prefixed(part.integers, from.integers, prefix);
  strip_prefixed(part.words, from.words, prefix);
  return part;
}

}  // namespace las::learning::detail
