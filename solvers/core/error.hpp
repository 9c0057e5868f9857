// SPDX-License-Identifier: BSD-3-Clause
// las error types. Library code throws; apps catch at main, print one line and abort
// every rank. Solvers do not throw on non-convergence: they return a SolveReport.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace las {

/// Base of every las exception; what() is a complete one-line message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A deck key or command-line override is unknown or has a bad value.
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// An input file is missing, unreadable or inconsistent.
class InputError : public Error {
 public:
  using Error::Error;
};

/// A caller asked for a converged result and the solver did not converge.
class NotConvergedError : public Error {
 public:
  using Error::Error;
};

namespace detail {
[[noreturn]] inline void throw_check_failure(const char* cond, const std::string& msg,
                                             const char* file, int line) {
  std::ostringstream os;
  os << msg << " (check '" << cond << "' failed at " << file << ":" << line << ")";
  throw Error(os.str());
}
}  // namespace detail

}  // namespace las

/// Always-on precondition check for host code: throws las::Error with msg.
/// `msg` may be a stream expression: LAS_CHECK(n > 0, "n = " << n).
#define LAS_CHECK(cond, msg)                                                        \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::ostringstream las_check_os_;                                             \
      las_check_os_ << msg;                                                         \
      ::las::detail::throw_check_failure(#cond, las_check_os_.str(), __FILE__, __LINE__); \
    }                                                                               \
  } while (0)
