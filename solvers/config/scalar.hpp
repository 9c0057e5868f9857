// SPDX-License-Identifier: BSD-3-Clause
// Text <-> number/bool conversions for deck scalars. Written here rather than taken
// from yaml-cpp's as<T>() so that the accepted spellings are exactly the documented
// ones (no hex, no NaN, no locale) and every rejection comes with a reason.
#pragma once

#include <string>

namespace las::config::detail {

/// Parses a decimal integer ("64", "-3", "+7"), or a real literal whose value is an
/// exact integer ("1e6", "64.0": users write iteration limits that way). On failure
/// returns false and sets `why` ("expected an integer", "integer out of range").
bool parse_int(const std::string& text, long long& out, std::string& why);

/// Parses a decimal real ("1e-8", "0.5", "3") or an infinity (".inf", "-.inf", "inf").
/// NaN and hex floats are rejected: a NaN would slip through every bounds check.
bool parse_real(const std::string& text, double& out, std::string& why);

/// Parses true/false, yes/no, on/off (any letter case), YAML 1.1's boolean spellings.
bool parse_bool(const std::string& text, bool& out, std::string& why);

/// The shortest decimal text that reads back as exactly `value`, always recognisable
/// as a real ("1.0", "1e-08", ".inf"): the resolved YAML must round-trip bit for bit.
std::string format_real(double value);

/// A number for messages: integers without a decimal point ("1", "0.5", "1e-08").
std::string format_number(double value);

}  // namespace las::config::detail
