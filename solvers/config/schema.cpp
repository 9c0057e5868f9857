// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/schema.hpp"

#include <algorithm>
#include <limits>
#include <sstream>

#include "solvers/config/convert.hpp"
#include "solvers/config/edit_distance.hpp"
#include "solvers/config/scalar.hpp"
#include "solvers/core/error.hpp"

namespace las::config {
namespace {

[[noreturn]] void schema_error(const std::string& path, const std::string& why) {
  throw las::Error("las::config::Schema: key '" + path + "': " + why);
}

bool valid_component_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_numeric(Type type) {
  return type == Type::Int || type == Type::Real || type == Type::IntList || type == Type::RealList;
}

// Proper dotted prefixes: "a.b.c" -> "a", "a.b".
std::vector<std::string> prefixes(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
    out.push_back(path.substr(0, dot));
  }
  return out;
}

std::string allowed_text(const KeySpec& spec) {
  if (!spec.choices.empty()) {
    std::string out;
    for (std::size_t i = 0; i < spec.choices.size(); ++i) out += (i ? ", " : "") + spec.choices[i];
    return out;
  }
  if (spec.min && spec.max) {
    return "[" + detail::format_number(*spec.min) + ", " + detail::format_number(*spec.max) + "]";
  }
  if (spec.min) return ">= " + detail::format_number(*spec.min);
  if (spec.max) return "<= " + detail::format_number(*spec.max);
  return "-";
}

}  // namespace

const char* type_name(Type type) {
  switch (type) {
    case Type::Int: return "int";
    case Type::Real: return "real";
    case Type::String: return "string";
    case Type::Bool: return "bool";
    case Type::IntList: return "int list";
    case Type::RealList: return "real list";
  }
  return "?";
}

Schema& Schema::add(KeySpec spec) {
  const std::string& path = spec.path;
  if (path.empty()) schema_error(path, "empty path");
  {
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = path.find('.', start);
      const std::size_t end = dot == std::string::npos ? path.size() : dot;
      if (end == start) schema_error(path, "empty path component");
      for (std::size_t i = start; i < end; ++i) {
        if (!valid_component_char(path[i])) {
          schema_error(path, "path components may use only letters, digits, '_' and '-'");
        }
      }
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
  }
  if (index_.count(path)) schema_error(path, "duplicate key");
  if (sections_.count(path)) schema_error(path, "already a section of another key");
  for (const auto& prefix : prefixes(path)) {
    if (index_.count(prefix)) schema_error(path, "its section '" + prefix + "' is already a key");
  }
  if (!spec.choices.empty() && spec.type != Type::String) {
    schema_error(path, "choices are allowed only on string keys");
  }
  if ((spec.min || spec.max) && !is_numeric(spec.type)) {
    schema_error(path, "bounds are allowed only on numeric keys");
  }
  if (spec.min && spec.max && *spec.min > *spec.max) schema_error(path, "min > max");
  if (!spec.default_yaml.empty()) {
    // The default must be a value the deck would accept, or defaults-only runs fail late.
    YAML::Node node;
    try {
      node = YAML::Load(spec.default_yaml);
    } catch (const YAML::Exception& e) {
      schema_error(path, "default '" + spec.default_yaml + "' is not valid YAML: " + e.msg);
    }
    detail::Value value;
    std::string why;
    if (!detail::convert(node, spec, value, why)) {
      schema_error(path, "default '" + spec.default_yaml + "' is invalid: " + why);
    }
  }
  for (const auto& prefix : prefixes(path)) {
    if (sections_.insert(prefix).second) section_order_.push_back(prefix);
  }
  index_.emplace(path, keys_.size());
  keys_.push_back(std::move(spec));
  return *this;
}

Schema& Schema::merge(const Schema& other) {
  for (const auto& spec : other.keys()) add(spec);
  return *this;
}

const KeySpec* Schema::find(const std::string& path) const {
  const auto it = index_.find(path);
  return it == index_.end() ? nullptr : &keys_[it->second];
}

bool Schema::is_section(const std::string& path) const { return sections_.count(path) > 0; }

std::string Schema::closest(const std::string& path) const {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  auto consider = [&](const std::string& candidate) {
    const std::size_t d = edit_distance(path, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  };
  // Keys first, so that a key wins a tie against a section.
  for (const auto& spec : keys_) consider(spec.path);
  for (const auto& section : section_order_) consider(section);
  return best;
}

std::string Schema::help_text() const {
  struct Row {
    std::string key, type, def, allowed, help;
  };
  std::vector<Row> rows;
  rows.push_back({"key", "type", "default", "allowed", "description"});
  for (const auto& spec : keys_) {
    rows.push_back({spec.path, type_name(spec.type),
                    spec.default_yaml.empty() ? "(required)" : spec.default_yaml,
                    allowed_text(spec), spec.help});
  }
  std::size_t w[4] = {0, 0, 0, 0};
  for (const auto& r : rows) {
    w[0] = std::max(w[0], r.key.size());
    w[1] = std::max(w[1], r.type.size());
    w[2] = std::max(w[2], r.def.size());
    w[3] = std::max(w[3], r.allowed.size());
  }
  auto pad = [](const std::string& s, std::size_t width) {
    return s + std::string(width - s.size() + 2, ' ');
  };
  std::ostringstream os;
  for (const auto& r : rows) {
    std::string line =
        pad(r.key, w[0]) + pad(r.type, w[1]) + pad(r.def, w[2]) + pad(r.allowed, w[3]) + r.help;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    os << line << '\n';
  }
  return os.str();
}

}  // namespace las::config
