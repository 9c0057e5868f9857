// SPDX-License-Identifier: BSD-3-Clause
// The standard one-line texts of configuration errors, in one place so the deck
// loader, overrides and Deck::fail all read alike:
//   <where>: key '<path>' = '<value>': <why>
//   <where>: unknown key '<path>' (did you mean '<closest>'?)
// <where> is the deck file name or "command line".
#pragma once

#include <string>

namespace las::config::detail {

/// What an error message calls a command-line override's origin.
inline const char* const kCommandLine = "command line";

/// `text` made safe for a one-line message: control characters escaped ("\n"),
/// long values cut to 80 characters with "...".
std::string one_line(const std::string& text);

/// "<where>: key '<path>' = '<value>': <why>" (value passed through one_line).
std::string key_message(const std::string& where, const std::string& path, const std::string& value,
                        const std::string& why);

/// "<where>: unknown key '<path>' (did you mean '<closest>'?)"; no hint when closest is empty.
std::string unknown_key_message(const std::string& where, const std::string& path,
                                const std::string& closest);

}  // namespace las::config::detail
