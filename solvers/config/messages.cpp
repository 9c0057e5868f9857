// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/messages.hpp"

#include <cstdio>

namespace las::config::detail {

std::string one_line(const std::string& text) {
  constexpr std::size_t kMax = 80;
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x",
                    static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  if (out.size() > kMax) out = out.substr(0, kMax - 3) + "...";
  return out;
}

std::string key_message(const std::string& where, const std::string& path, const std::string& value,
                        const std::string& why) {
  return where + ": key '" + path + "' = '" + one_line(value) + "': " + why;
}

std::string unknown_key_message(const std::string& where, const std::string& path,
                                const std::string& closest) {
  std::string message = where + ": unknown key '" + one_line(path) + "'";
  if (!closest.empty()) message += " (did you mean '" + closest + "'?)";
  return message;
}

}  // namespace las::config::detail
