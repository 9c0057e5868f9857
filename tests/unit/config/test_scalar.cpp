// SPDX-License-Identifier: BSD-3-Clause
// The accepted spellings of deck scalars and the round-trip formatting of reals.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "solvers/config/scalar.hpp"

namespace las_config_test {
namespace {

using namespace las::config::detail;

TEST(Scalar, ParseIntAcceptsDecimalsAndIntegralRealLiterals) {
  const std::pair<const char*, long long> good[] = {
      {"64", 64},
      {"-3", -3},
      {"+7", 7},
      {"1e6", 1000000},
      {"64.0", 64},
      {"9223372036854775807", std::numeric_limits<long long>::max()},
      {"-9223372036854775808", std::numeric_limits<long long>::min()}};
  for (const auto& [text, value] : good) {
    long long out = 0;
    std::string why;
    EXPECT_TRUE(parse_int(text, out, why)) << text << ": " << why;
    EXPECT_EQ(out, value) << text;
  }
}

TEST(Scalar, ParseIntRejectsWithAReason) {
  const std::pair<const char*, const char*> bad[] = {
      {"1.5", "expected an integer"},
      {"abc", "expected an integer"},
      {"0x10", "expected an integer"},
      {"", "expected an integer"},
      {"1 2", "expected an integer"},
      {".inf", "expected an integer"},
      {"9223372036854775808", "integer out of range"},
      {"1e19", "integer out of range"}};
  for (const auto& [text, reason] : bad) {
    long long out = 0;
    std::string why;
    EXPECT_FALSE(parse_int(text, out, why)) << text;
    EXPECT_EQ(why, reason) << text;
  }
}

TEST(Scalar, ParseRealAcceptsDecimalsAndInfinities) {
  const std::pair<const char*, double> good[] = {
      {"1e-8", 1e-8},
      {".5", 0.5},
      {"3", 3.0},
      {"-2.5E3", -2500.0},
      {".inf", std::numeric_limits<double>::infinity()},
      {"-.Inf", -std::numeric_limits<double>::infinity()}};
  for (const auto& [text, value] : good) {
    double out = 0;
    std::string why;
    EXPECT_TRUE(parse_real(text, out, why)) << text << ": " << why;
    EXPECT_EQ(out, value) << text;
  }
}

TEST(Scalar, ParseRealRejectsNanHexAndOverflow) {
  for (const char* text : {"nan", ".nan", "NaN", "0x1p3", "abc", "1,5", "", "infinity"}) {
    double out = 0;
    std::string why;
    EXPECT_FALSE(parse_real(text, out, why)) << text;
    EXPECT_EQ(why, "expected a real number") << text;
  }
  double out = 0;
  std::string why;
  EXPECT_FALSE(parse_real("1e999", out, why));
  EXPECT_EQ(why, "real number out of range");
}

TEST(Scalar, ParseBoolTakesYaml11Spellings) {
  for (const char* text : {"true", "True", "yes", "ON"}) {
    bool out = false;
    std::string why;
    EXPECT_TRUE(parse_bool(text, out, why)) << text;
    EXPECT_TRUE(out) << text;
  }
  for (const char* text : {"false", "No", "off"}) {
    bool out = true;
    std::string why;
    EXPECT_TRUE(parse_bool(text, out, why)) << text;
    EXPECT_FALSE(out) << text;
  }
  bool out = false;
  std::string why;
  EXPECT_FALSE(parse_bool("1", out, why));
  EXPECT_EQ(why, "expected true or false");
}

TEST(Scalar, FormatRealIsShortestAndRoundTrips) {
  EXPECT_EQ(format_real(1.0), "1.0");
  EXPECT_EQ(format_real(1e-8), "1e-08");
  EXPECT_EQ(format_real(0.1), "0.1");
  EXPECT_EQ(format_real(std::numeric_limits<double>::infinity()), ".inf");
  EXPECT_EQ(format_real(-std::numeric_limits<double>::infinity()), "-.inf");
  for (double value : {0.1, 1.0 / 3.0, 0.1 + 0.2, 5e-324, 1.7976931348623157e308, -2.5e-300,
                       123456789.0, -0.0, 1e21}) {
    double back = 0;
    std::string why;
    const std::string text = format_real(value);
    ASSERT_TRUE(parse_real(text, back, why)) << text;
    EXPECT_EQ(back, value) << text;
    EXPECT_EQ(std::signbit(back), std::signbit(value)) << text;
  }
  EXPECT_EQ(format_number(1.0), "1");
  EXPECT_EQ(format_number(0.5), "0.5");
}

}  // namespace
}  // namespace las_config_test
