// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/emit_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include "solvers/config/scalar.hpp"

namespace las::config::detail {
namespace {

struct TreeNode {
  std::string name;
  const Value* value = nullptr;  // set on leaves
  std::vector<TreeNode> children;
};

void insert(TreeNode& root, const std::string& path, const Value* value) {
  TreeNode* node = &root;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string name =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    TreeNode* child = nullptr;
    for (auto& c : node->children) {
      if (c.name == name) child = &c;
    }
    if (child == nullptr) {
      node->children.push_back(TreeNode{name, nullptr, {}});
      child = &node->children.back();
    }
    node = child;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  node->value = value;
}

void emit_value(YAML::Emitter& out, const Value& value) {
  struct Visitor {
    YAML::Emitter& out;
    void operator()(long long v) const { out << v; }
    void operator()(double v) const { out << format_real(v); }
    void operator()(const std::string& v) const { out << v; }
    void operator()(bool v) const { out << v; }
    void operator()(const std::vector<long long>& v) const {
      out << YAML::Flow << YAML::BeginSeq;
      for (long long x : v) out << x;
      out << YAML::EndSeq;
    }
    void operator()(const std::vector<double>& v) const {
      out << YAML::Flow << YAML::BeginSeq;
      for (double x : v) out << format_real(x);
      out << YAML::EndSeq;
    }
  };
  std::visit(Visitor{out}, value);
}

void emit_map(YAML::Emitter& out, const TreeNode& node) {
  out << YAML::BeginMap;
  for (const auto& child : node.children) {
    out << YAML::Key << child.name << YAML::Value;
    if (child.value != nullptr) {
      emit_value(out, *child.value);
    } else {
      emit_map(out, child);
    }
  }
  out << YAML::EndMap;
}

}  // namespace

std::string emit_yaml(const std::vector<std::pair<std::string, const Value*>>& entries) {
  TreeNode root;
  for (const auto& [path, value] : entries) insert(root, path, value);
  YAML::Emitter out;
  emit_map(out, root);
  std::string text = out.c_str();
  text += '\n';
  return text;
}

}  // namespace las::config::detail
