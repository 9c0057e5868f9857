// SPDX-License-Identifier: BSD-3-Clause
// Internal: turn a rank-local failure into the same exception on every rank, so no
// rank goes on into a collective call that the others have left.
#pragma once

#include <string>

#include "solvers/core/comm.hpp"

namespace las::io::detail {

/// What kind of las exception an agreed failure becomes.
enum class ErrorKind { input, general };

/// Collective. When `failed` is true on any rank, every rank throws the same
/// exception carrying the message of the failing rank with the smallest `key` (ties:
/// the lowest rank). `key` orders failures, e.g. by global index; pass 0 when any
/// failing rank's message will do. Returns normally when no rank failed.
void throw_if_any(const Comm& comm, bool failed, const std::string& message,
                  ErrorKind kind = ErrorKind::input, long long key = 0);

/// Throws `message` as the exception of `kind` (not collective).
[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

}  // namespace las::io::detail
