// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/convert.hpp"

#include "solvers/config/scalar.hpp"

namespace las::config::detail {
namespace {

bool check_bounds(double value, const KeySpec& spec, std::string& why) {
  if (spec.min && value < *spec.min) {
    why = "must be >= " + format_number(*spec.min);
    return false;
  }
  if (spec.max && value > *spec.max) {
    why = "must be <= " + format_number(*spec.max);
    return false;
  }
  return true;
}

// One element (or the whole value, for scalar keys) of a numeric key.
bool convert_int(const YAML::Node& node, const KeySpec& spec, long long& out, std::string& why) {
  if (!node.IsScalar()) {
    why = "expected an integer";
    return false;
  }
  return parse_int(node.Scalar(), out, why) && check_bounds(static_cast<double>(out), spec, why);
}

bool convert_real(const YAML::Node& node, const KeySpec& spec, double& out, std::string& why) {
  if (!node.IsScalar()) {
    why = "expected a real number";
    return false;
  }
  return parse_real(node.Scalar(), out, why) && check_bounds(out, spec, why);
}

template <class T, class Element>
bool convert_list(const YAML::Node& node, const KeySpec& spec, const char* expected,
                  Element convert_element, Value& out, std::string& why) {
  if (!node.IsSequence()) {
    why = expected;
    return false;
  }
  std::vector<T> list;
  list.reserve(node.size());
  for (std::size_t i = 0; i < node.size(); ++i) {
    T element{};
    if (!convert_element(node[i], spec, element, why)) {
      why = "element " + std::to_string(i + 1) + " of " + std::to_string(node.size()) + ": " + why;
      return false;
    }
    list.push_back(element);
  }
  out = std::move(list);
  return true;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

}  // namespace

bool convert(const YAML::Node& node, const KeySpec& spec, Value& out, std::string& why) {
  if (!node.IsDefined() || node.IsNull()) {
    why = "has no value";
    return false;
  }
  switch (spec.type) {
    case Type::Int: {
      long long v = 0;
      if (!convert_int(node, spec, v, why)) return false;
      out = v;
      return true;
    }
    case Type::Real: {
      double v = 0;
      if (!convert_real(node, spec, v, why)) return false;
      out = v;
      return true;
    }
    case Type::String: {
      if (!node.IsScalar()) {
        why = "expected a string";
        return false;
      }
      const std::string& v = node.Scalar();
      if (!spec.choices.empty()) {
        bool found = false;
        for (const auto& choice : spec.choices) found = found || choice == v;
        if (!found) {
          why = "must be one of " + join(spec.choices, ", ");
          return false;
        }
      }
      out = v;
      return true;
    }
    case Type::Bool: {
      bool v = false;
      if (!node.IsScalar()) {
        why = "expected true or false";
        return false;
      }
      if (!parse_bool(node.Scalar(), v, why)) return false;
      out = v;
      return true;
    }
    case Type::IntList:
      return convert_list<long long>(node, spec, "expected a list of integers", convert_int, out,
                                     why);
    case Type::RealList:
      return convert_list<double>(node, spec, "expected a list of real numbers", convert_real, out,
                                  why);
  }
  why = "unknown key type";  // unreachable: every Type is handled above
  return false;
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "";
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter emitter;
  emitter.SetMapFormat(YAML::Flow);
  emitter.SetSeqFormat(YAML::Flow);
  emitter << node;
  return emitter.c_str();
}

}  // namespace las::config::detail
