// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/libsvm_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "solvers/core/error.hpp"

namespace las::opt {
namespace {

[[noreturn]] void bad(const std::string& where, const std::string& token, const std::string& why) {
  throw InputError(where + ": bad token '" + token + "': " + why);
}

// The whole token as a finite double (strtod alone accepts "1.5abc" and "nan").
bool parse_real(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && errno == 0 && std::isfinite(out);
}

bool parse_index(const std::string& text, long& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  out = std::strtol(text.c_str(), nullptr, 10);
  return errno == 0 && out >= 1 && out <= 1000000000L;
}

}  // namespace

LogisticData read_libsvm(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open the LIBSVM file");
  LogisticData d;
  long features = 0;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // files written on Windows
    std::istringstream tokens(line);
    std::string token;
    if (!(tokens >> token) || token[0] == '#') continue;
    const std::string where = path + ":" + std::to_string(number);
    double label = 0;
    if (!parse_real(token, label) || (label != 1.0 && label != -1.0 && label != 0.0))
      bad(where, token, "the label must be -1, +1, 0 or 1");
    long previous = 0;
    while (tokens >> token) {
      const std::size_t colon = token.find(':');
      if (colon == std::string::npos) bad(where, token, "expected index:value");
      long index = 0;
      double value = 0;
      if (!parse_index(token.substr(0, colon), index)) bad(where, token, "the index must be an integer >= 1");
      if (index <= previous) bad(where, token, "indices must be strictly ascending");
      if (!parse_real(token.substr(colon + 1), value)) bad(where, token, "the value must be a finite number");
      previous = index;
      d.column.push_back(static_cast<int>(index - 1));
      d.value.push_back(value);
    }
    features = std::max(features, previous);
    d.row_start.push_back(d.value.size());
    d.label.push_back(label > 0.0 ? 1.0 : -1.0);
  }
  if (d.label.empty()) throw InputError(path + ": no samples in the LIBSVM file");
  if (features == 0) throw InputError(path + ": every sample is zero (no features)");
  d.features = static_cast<int>(features);
  return d;
}

}  // namespace las::opt
