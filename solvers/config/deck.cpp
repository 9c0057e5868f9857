// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/deck.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <utility>

#include "solvers/config/convert.hpp"
#include "solvers/config/emit_yaml.hpp"
#include "solvers/config/messages.hpp"
#include "solvers/config/read_file.hpp"
#include "solvers/core/error.hpp"

namespace las::config {

using detail::describe;
using detail::kCommandLine;
using detail::key_message;
using detail::one_line;

namespace {

// "<where>:<line>:<column>: invalid YAML: <yaml-cpp's message>" (1-based, like compilers).
std::string yaml_error(const std::string& where, const YAML::Exception& e) {
  if (e.mark.is_null()) return where + ": invalid YAML: " + e.msg;
  return where + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
         ": invalid YAML: " + e.msg;
}

const char* kind(const YAML::Node& node) {
  if (node.IsSequence()) return "a list";
  if (node.IsScalar()) return "a scalar";
  return "a map";
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

// The validating walk: one Builder per source (the deck file, or one override),
// because a key given twice is an error within a file but the normal way for an
// override to win over the file.
class Deck::Builder {
 public:
  Builder(Deck& deck, const Schema& schema, std::string where)
      : deck_(deck), schema_(schema), where_(std::move(where)) {}

  /// Validates `node` as the value of `path` ("" = the top level) and stores it.
  void visit(const std::string& path, const YAML::Node& node) {
    if (const KeySpec* spec = schema_.find(path)) {
      assign(*spec, node);
      return;
    }
    if (!path.empty() && !schema_.is_section(path)) {
      throw las::ConfigError(detail::unknown_key_message(where_, path, schema_.closest(path)));
    }
    if (!node.IsDefined() || node.IsNull()) return;  // an empty section: all defaults
    if (!node.IsMap()) {
      if (path.empty()) {
        throw las::ConfigError(where_ + ": expected a map of keys at the top level, found " +
                               kind(node));
      }
      throw las::ConfigError(
          key_message(where_, path, describe(node), "is a section: expected a map of its keys"));
    }
    for (const auto& item : node) {
      const YAML::Node& key = item.first;
      if (!key.IsScalar() || key.Scalar().empty()) {
        throw las::ConfigError(where_ + ": invalid key '" + one_line(describe(key)) + "'" +
                               (path.empty() ? "" : " in section '" + path + "'"));
      }
      visit(path.empty() ? key.Scalar() : path + "." + key.Scalar(), item.second);
    }
  }

 private:
  void assign(const KeySpec& spec, const YAML::Node& node) {
    // yaml-cpp keeps both entries of a repeated map key; "grid: {n: 1}" next to
    // "grid.n: 2" is the same key twice too. Either way one would silently win.
    if (!seen_.insert(spec.path).second) {
      throw las::ConfigError(where_ + ": duplicate key '" + spec.path + "'");
    }
    if (!node.IsDefined() || node.IsNull()) {
      throw las::ConfigError(where_ + ": key '" + spec.path + "' has no value");
    }
    detail::Value value;
    std::string why;
    if (!detail::convert(node, spec, value, why)) {
      throw las::ConfigError(key_message(where_, spec.path, describe(node), why));
    }
    Entry& entry = deck_.entries_.at(spec.path);
    entry.value = std::move(value);
    entry.has_value = true;
    entry.origin = where_;
  }

  Deck& deck_;
  const Schema& schema_;
  std::string where_;
  std::set<std::string> seen_;
};

Deck Deck::load(const las::Comm& comm, const std::string& path,
                const std::vector<std::string>& overrides, const Schema& schema) {
  Deck deck;
  deck.source_ = path.empty() ? "(defaults)" : path;

  for (const auto& spec : schema.keys()) {
    deck.order_.push_back(spec.path);
    Entry& entry = deck.entries_[spec.path];
    entry.type = spec.type;
    if (spec.default_yaml.empty()) continue;
    // Schema::add already checked every default, so this cannot fail for a valid schema.
    std::string why;
    LAS_CHECK(detail::convert(YAML::Load(spec.default_yaml), spec, entry.value, why),
              "las::config: default of '" << spec.path << "' is invalid: " << why);
    entry.has_value = true;
  }

  if (!path.empty()) {
    // Every rank parses the same broadcast text with the same code, so every rank
    // reaches the same verdict and throws the same message without further messages.
    const std::string text = detail::read_file_on_root(comm, path);
    std::vector<YAML::Node> documents;
    try {
      documents = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
      throw las::ConfigError(yaml_error(path, e));
    }
    if (documents.size() > 1) {
      throw las::ConfigError(path + ": expected one YAML document, found " +
                             std::to_string(documents.size()));
    }
    if (!documents.empty()) Builder(deck, schema, path).visit("", documents.front());
  }

  for (const auto& override_text : overrides) {
    const auto eq = override_text.find('=');
    const std::string key = eq == std::string::npos ? "" : trim(override_text.substr(0, eq));
    if (key.empty()) {
      throw las::ConfigError(std::string(kCommandLine) + ": malformed override '" +
                             one_line(override_text) + "' (expected key=value)");
    }
    // The key first: "unknown key ... did you mean" helps more than a YAML error would.
    if (schema.find(key) == nullptr && !schema.is_section(key)) {
      throw las::ConfigError(detail::unknown_key_message(kCommandLine, key, schema.closest(key)));
    }
    const std::string value = override_text.substr(eq + 1);
    YAML::Node node;
    try {
      node = YAML::Load(value);
    } catch (const YAML::Exception& e) {
      throw las::ConfigError(key_message(kCommandLine, key, value, "invalid YAML: " + e.msg));
    }
    Builder(deck, schema, kCommandLine).visit(key, node);
  }

  for (const auto& spec : schema.keys()) {
    if (deck.entries_.at(spec.path).has_value) continue;
    const std::string where = path.empty() ? std::string(kCommandLine) : path;
    throw las::ConfigError(where + ": missing required key '" + spec.path + "'" +
                           (spec.help.empty() ? "" : " (" + spec.help + ")"));
  }
  return deck;
}

const Deck::Entry& Deck::entry(const std::string& path, Type wanted, const char* getter) const {
  const auto it = entries_.find(path);
  if (it == entries_.end()) {
    throw las::Error(std::string("las::config::Deck::") + getter + ": '" + path +
                     "' is not a key of the schema");
  }
  if (it->second.type != wanted) {
    throw las::Error(std::string("las::config::Deck::") + getter + ": key '" + path + "' is " +
                     type_name(it->second.type) + ", not " + type_name(wanted));
  }
  return it->second;
}

long long Deck::get_int(const std::string& path) const {
  return std::get<long long>(entry(path, Type::Int, "get_int").value);
}

double Deck::get_real(const std::string& path) const {
  return std::get<double>(entry(path, Type::Real, "get_real").value);
}

std::string Deck::get_string(const std::string& path) const {
  return std::get<std::string>(entry(path, Type::String, "get_string").value);
}

bool Deck::get_bool(const std::string& path) const {
  return std::get<bool>(entry(path, Type::Bool, "get_bool").value);
}

std::vector<long long> Deck::get_int_list(const std::string& path) const {
  return std::get<std::vector<long long>>(entry(path, Type::IntList, "get_int_list").value);
}

std::vector<double> Deck::get_real_list(const std::string& path) const {
  return std::get<std::vector<double>>(entry(path, Type::RealList, "get_real_list").value);
}

std::string Deck::resolved_yaml() const {
  std::vector<std::pair<std::string, const detail::Value*>> values;
  values.reserve(order_.size());
  for (const auto& path : order_) values.emplace_back(path, &entries_.at(path).value);
  return detail::emit_yaml(values);
}

void Deck::fail(const std::string& path, const std::string& why) const {
  const auto it = entries_.find(path);
  if (it == entries_.end()) {
    throw las::Error("las::config::Deck::fail: '" + path + "' is not a key of the schema");
  }
  const Entry& e = it->second;
  const std::string value = detail::render(e.value);
  if (e.origin.empty()) {
    throw las::ConfigError(source_ + ": key '" + path + "' = '" + one_line(value) +
                           "' (default): " + why);
  }
  throw las::ConfigError(key_message(e.origin, path, value, why));
}

}  // namespace las::config
