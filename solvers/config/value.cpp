// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/value.hpp"

#include <sstream>

#include "solvers/config/scalar.hpp"

namespace las::config::detail {
namespace {

template <class T, class Format>
std::string render_list(const std::vector<T>& list, Format format) {
  std::ostringstream os;
  os << '[';
  for (std::size_t i = 0; i < list.size(); ++i) os << (i ? ", " : "") << format(list[i]);
  os << ']';
  return os.str();
}

}  // namespace

std::string render(const Value& value) {
  struct Visitor {
    std::string operator()(long long v) const { return std::to_string(v); }
    std::string operator()(double v) const { return format_real(v); }
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::vector<long long>& v) const {
      return render_list(v, [](long long x) { return std::to_string(x); });
    }
    std::string operator()(const std::vector<double>& v) const {
      return render_list(v, [](double x) { return format_real(x); });
    }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace las::config::detail
