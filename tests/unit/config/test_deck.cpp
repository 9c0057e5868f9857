// SPDX-License-Identifier: BSD-3-Clause
// Deck loading when the input is valid: defaults, file values, overrides, the
// resolved YAML round trip, Deck::fail, getters, and the rank-0-only read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <limits>

#include "config_test_util.hpp"

namespace las_config_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Deck, DefaultsOnlyWhenNoDeck) {
  las::Comm comm;
  const Deck deck = Deck::load(comm, "", {}, app_schema());
  EXPECT_EQ(deck.source(), "(defaults)");
  EXPECT_THAT(deck.get_int_list("grid.n"), ElementsAre(64, 64));
  EXPECT_THAT(deck.get_real_list("grid.length"), ElementsAre(1.0, 1.0));
  EXPECT_EQ(deck.get_string("solver.method"), "cg");
  EXPECT_EQ(deck.get_real("solver.rtol"), 1e-8);
  EXPECT_EQ(deck.get_int("solver.max_iter"), 1000);
  EXPECT_TRUE(deck.get_bool("output.write"));
  EXPECT_EQ(deck.get_string("output.name"), "run");
  EXPECT_EQ(deck.get_int("seed"), 42);
}

TEST(Deck, FileValuesReplaceDefaults) {
  las::Comm comm;
  TempDeck file(comm,
                "# a deck\n"
                "grid:\n"
                "  n: [32, 16]\n"
                "  length: [2.5, 0.5]\n"
                "solver:\n"
                "  method: jacobi-pcg\n"
                "  rtol: 1.0e-6\n"
                "output:\n"
                "  write: no\n");
  const Deck deck = Deck::load(comm, file.path(), {}, app_schema());
  EXPECT_EQ(deck.source(), file.path());
  EXPECT_THAT(deck.get_int_list("grid.n"), ElementsAre(32, 16));
  EXPECT_THAT(deck.get_real_list("grid.length"), ElementsAre(2.5, 0.5));
  EXPECT_EQ(deck.get_string("solver.method"), "jacobi-pcg");
  EXPECT_EQ(deck.get_real("solver.rtol"), 1e-6);
  EXPECT_FALSE(deck.get_bool("output.write"));
  // Keys the file does not mention keep their defaults.
  EXPECT_EQ(deck.get_int("solver.max_iter"), 1000);
  EXPECT_EQ(deck.get_string("output.name"), "run");
}

TEST(Deck, DottedKeysInFileMeanTheSameAsNestedOnes) {
  las::Comm comm;
  TempDeck file(comm, "grid.n: [8, 4]\nsolver:\n  rtol: 1e-6\noutput: {name: dotted}\n");
  const Deck deck = Deck::load(comm, file.path(), {}, app_schema());
  EXPECT_THAT(deck.get_int_list("grid.n"), ElementsAre(8, 4));
  EXPECT_EQ(deck.get_real("solver.rtol"), 1e-6);
  EXPECT_EQ(deck.get_string("output.name"), "dotted");
}

TEST(Deck, OverridesWinOverTheFileAndParseLists) {
  las::Comm comm;
  TempDeck file(comm, "grid:\n  n: [8, 8]\nsolver:\n  method: cg\n  rtol: 1e-4\nseed: 5\n");
  const Deck deck = Deck::load(comm, file.path(),
                               {"grid.n=[128,64]", "solver.method=jacobi-pcg", "output.write=false",
                                " solver.rtol = 1e-10", "seed=1", "seed=2"},
                               app_schema());
  EXPECT_THAT(deck.get_int_list("grid.n"), ElementsAre(128, 64));
  EXPECT_EQ(deck.get_string("solver.method"), "jacobi-pcg");
  EXPECT_FALSE(deck.get_bool("output.write"));
  EXPECT_EQ(deck.get_real("solver.rtol"), 1e-10);
  EXPECT_EQ(deck.get_int("seed"), 2) << "a later override wins over an earlier one";
}

TEST(Deck, OverridesWorkWithoutADeck) {
  las::Comm comm;
  const Deck deck = Deck::load(comm, "", {"grid.length=[3, 0.25]"}, app_schema());
  EXPECT_THAT(deck.get_real_list("grid.length"), ElementsAre(3.0, 0.25));
  EXPECT_THAT(deck.get_int_list("grid.n"), ElementsAre(64, 64));
}

TEST(Deck, OverrideOfAWholeSection) {
  las::Comm comm;
  const Deck deck = Deck::load(comm, "", {"solver={rtol: 1e-4, max_iter: 50}"}, app_schema());
  EXPECT_EQ(deck.get_real("solver.rtol"), 1e-4);
  EXPECT_EQ(deck.get_int("solver.max_iter"), 50);
  EXPECT_EQ(deck.get_string("solver.method"), "cg");
}

TEST(Deck, EmptyFileAndEmptySectionKeepDefaults) {
  las::Comm comm;
  TempDeck empty(comm, "# nothing but a comment\n", "_empty.yaml");
  TempDeck section(comm, "solver:\n# every solver key commented out\n", "_section.yaml");
  const Deck a = Deck::load(comm, empty.path(), {}, app_schema());
  const Deck b = Deck::load(comm, section.path(), {}, app_schema());
  EXPECT_EQ(a.get_real("solver.rtol"), 1e-8);
  EXPECT_EQ(b.get_int("solver.max_iter"), 1000);
}

TEST(Deck, IntegralRealLiteralIsAcceptedForAnInt) {
  las::Comm comm;
  const Deck deck =
      Deck::load(comm, "", {"solver.max_iter=1e6", "grid.n=[1e2, 64.0]"}, app_schema());
  EXPECT_EQ(deck.get_int("solver.max_iter"), 1000000);
  EXPECT_THAT(deck.get_int_list("grid.n"), ElementsAre(100, 64));
}

TEST(Deck, ResolvedYamlHasEveryKeyNestedWithDefaults) {
  las::Comm comm;
  const Deck deck = Deck::load(comm, "", {"grid.n=[8, 4]"}, app_schema());
  const YAML::Node root = YAML::Load(deck.resolved_yaml());
  ASSERT_TRUE(root.IsMap());
  EXPECT_EQ(root.size(), 4u);  // grid, solver, output, seed
  EXPECT_EQ(root["grid"]["n"].size(), 2u);
  EXPECT_EQ(root["grid"]["n"][0].as<int>(), 8);
  EXPECT_EQ(root["solver"]["rtol"].as<double>(), 1e-8);
  EXPECT_EQ(root["solver"]["method"].as<std::string>(), "cg");
  EXPECT_EQ(root["output"]["write"].as<bool>(), true);
  EXPECT_EQ(root["seed"].as<int>(), 42);
}

// Loads `text` as a deck, writes its resolved YAML to a second file, loads that, and
// checks every value came back bit for bit, and that resolving again changes nothing.
void expect_round_trip(const las::Comm& comm, const std::string& text) {
  const Schema schema = app_schema();
  TempDeck first(comm, text, "_first.yaml");
  const Deck a = Deck::load(comm, first.path(), {}, schema);
  TempDeck second(comm, a.resolved_yaml(), "_second.yaml");
  const Deck b = Deck::load(comm, second.path(), {}, schema);
  for (const auto& spec : schema.keys()) {
    const std::string& p = spec.path;
    switch (spec.type) {
      case Type::Int: EXPECT_EQ(a.get_int(p), b.get_int(p)) << p; break;
      case Type::Real: EXPECT_EQ(a.get_real(p), b.get_real(p)) << p; break;
      case Type::String: EXPECT_EQ(a.get_string(p), b.get_string(p)) << p; break;
      case Type::Bool: EXPECT_EQ(a.get_bool(p), b.get_bool(p)) << p; break;
      case Type::IntList: EXPECT_EQ(a.get_int_list(p), b.get_int_list(p)) << p; break;
      case Type::RealList: EXPECT_EQ(a.get_real_list(p), b.get_real_list(p)) << p; break;
    }
  }
  EXPECT_EQ(a.resolved_yaml(), b.resolved_yaml());
}

TEST(Deck, ResolvedYamlRoundTripsExactly) {
  las::Comm comm;
  // Reals that need all 17 digits, a denormal, huge and tiny values, an infinity.
  expect_round_trip(comm,
                    "grid:\n"
                    "  n: [3, 1]\n"
                    "  length: [0.1, 0.33333333333333331, 5e-324, 1.7976931348623157e308, "
                    "1e-300, .inf, 2]\n"
                    "solver: {rtol: 0.30000000000000004, max_iter: 9223372036854775807}\n"
                    "output: {write: off}\n"
                    "seed: -9223372036854775808\n");
}

TEST(Deck, ResolvedYamlRoundTripsStringsYamlWouldMisread) {
  las::Comm comm;
  for (const std::string name : {"null", "~", "", "true", "no", "a: b", "#x", " spaced ", "1e-8",
                                 "[1, 2]", "{a: 1}", "two\nlines", "quote\"s", "-", "- item"}) {
    YAML::Emitter emitter;  // yaml-cpp writes the test input, so it is valid YAML for sure
    emitter << YAML::BeginMap << YAML::Key << "output" << YAML::Value << YAML::BeginMap << YAML::Key
            << "name" << YAML::Value << YAML::DoubleQuoted << name << YAML::EndMap << YAML::EndMap;
    SCOPED_TRACE("name = '" + name + "'");
    {
      TempDeck check(comm, emitter.c_str(), "_check.yaml");
      ASSERT_EQ(Deck::load(comm, check.path(), {}, app_schema()).get_string("output.name"), name);
    }
    expect_round_trip(comm, emitter.c_str());
  }
}

TEST(Deck, FailNamesWhereTheValueCameFrom) {
  las::Comm comm;
  TempDeck file(comm, "grid:\n  n: [8, 8]\n");
  const Deck deck = Deck::load(comm, file.path(), {"seed=7"}, app_schema());
  EXPECT_EQ(config_error([&] { deck.fail("grid.n", "must divide by the process grid"); }),
            file.path() + ": key 'grid.n' = '[8, 8]': must divide by the process grid");
  EXPECT_EQ(config_error([&] { deck.fail("seed", "must be odd"); }),
            "command line: key 'seed' = '7': must be odd");
  EXPECT_EQ(config_error([&] { deck.fail("solver.rtol", "too loose"); }),
            file.path() + ": key 'solver.rtol' = '1e-08' (default): too loose");
  EXPECT_TRUE(throws_programming_error([&] { deck.fail("no.such.key", "x"); }));
}

TEST(Deck, GettersRejectUnknownPathsAndWrongTypesAsProgrammingErrors) {
  las::Comm comm;
  const Deck deck = Deck::load(comm, "", {}, app_schema());
  EXPECT_TRUE(throws_programming_error([&] { deck.get_int("grid.nn"); }));
  EXPECT_TRUE(throws_programming_error([&] { deck.get_real("grid"); }));  // a section
  EXPECT_TRUE(throws_programming_error([&] { deck.get_real("solver.max_iter"); }));
  EXPECT_TRUE(throws_programming_error([&] { deck.get_int_list("grid.length"); }));
  EXPECT_TRUE(throws_programming_error([&] { deck.get_string("output.write"); }));
  try {
    deck.get_int("solver.rtol");
    ADD_FAILURE() << "get_int on a real key did not throw";
  } catch (const las::Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("'solver.rtol' is real, not int"));
  }
}

// Only rank 0 may read the deck. Each rank other than 0 moves to an empty directory
// and everyone loads the same relative path: those ranks can get the text only
// through rank 0's broadcast.
TEST(Deck, OnlyRankZeroReadsTheFile) {
  las::Comm comm;
  namespace fs = std::filesystem;
  const fs::path base = unique_path(comm, "_dir");
  const fs::path with_deck = base / "root";
  const fs::path empty = base / "others";
  if (comm.is_root()) {
    fs::create_directories(with_deck);
    fs::create_directories(empty);
    std::ofstream(with_deck / "deck.yaml") << "seed: 1234\n";
  }
  comm.barrier();
  const fs::path cwd = fs::current_path();
  fs::current_path(comm.is_root() ? with_deck : empty);
  long long seed = -1;
  std::string error;
  try {
    seed = Deck::load(comm, "deck.yaml", {}, app_schema()).get_int("seed");
  } catch (const std::exception& e) {
    error = e.what();
  }
  fs::current_path(cwd);
  comm.barrier();
  if (comm.is_root()) fs::remove_all(base);
  EXPECT_EQ(error, "");
  EXPECT_EQ(seed, 1234);
}

}  // namespace
}  // namespace las_config_test
