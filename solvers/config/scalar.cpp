// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/config/scalar.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace las::config::detail {
namespace {

std::string lower(const std::string& text) {
  std::string out = text;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool only_chars(const std::string& text, const char* allowed) {
  if (text.empty()) return false;
  for (char c : text) {
    bool ok = false;
    for (const char* a = allowed; *a != '\0'; ++a) ok = ok || c == *a;
    if (!ok) return false;
  }
  return true;
}

// The shortest %.{p}g text that reads back as exactly `value`.
std::string shortest(double value) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

}  // namespace

bool parse_real(const std::string& text, double& out, std::string& why) {
  why = "expected a real number";
  const std::string t = lower(text);
  if (t == ".inf" || t == "+.inf" || t == "inf" || t == "+inf") {
    out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (t == "-.inf" || t == "-inf") {
    out = -std::numeric_limits<double>::infinity();
    return true;
  }
  // Only decimal notation: strtod alone would also take "nan", "0x1p3" and "infinity".
  if (!only_chars(t, "0123456789+-.e")) return false;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return false;
  if (errno == ERANGE && std::isinf(value)) {
    why = "real number out of range";
    return false;
  }
  out = value;  // an underflow to a denormal or zero is accepted: it is the nearest value
  return true;
}

bool parse_int(const std::string& text, long long& out, std::string& why) {
  why = "expected an integer";
  if (only_chars(text, "+-0123456789")) {
    errno = 0;
    char* end = nullptr;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (end != text.c_str() + text.size()) return false;
    if (errno == ERANGE) {
      why = "integer out of range";
      return false;
    }
    out = value;
    return true;
  }
  double real = 0;
  std::string real_why;
  if (!parse_real(text, real, real_why) || !std::isfinite(real)) return false;
  if (real != std::trunc(real)) return false;
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (real >= 9223372036854775808.0 || real < -9223372036854775808.0) {
    why = "integer out of range";
    return false;
  }
  out = static_cast<long long>(real);
  return true;
}

bool parse_bool(const std::string& text, bool& out, std::string& why) {
  const std::string t = lower(text);
  if (t == "true" || t == "yes" || t == "on") {
    out = true;
    return true;
  }
  if (t == "false" || t == "no" || t == "off") {
    out = false;
    return true;
  }
  why = "expected true or false";
  return false;
}

std::string format_real(double value) {
  if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
  if (std::isnan(value)) return ".nan";  // never produced by parse_real; kept total
  std::string text = shortest(value);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return shortest(value);
}

}  // namespace las::config::detail
