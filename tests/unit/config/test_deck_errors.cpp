// SPDX-License-Identifier: BSD-3-Clause
// Every way a deck or override can be wrong: each must be one las::ConfigError line
// naming the file (or "command line"), the key and the value, thrown alike on every rank.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

#include "config_test_util.hpp"

namespace las_config_test {
namespace {

using ::testing::HasSubstr;

// The ConfigError message of loading `text` as a deck (plus `overrides`).
std::string deck_error(const las::Comm& comm, const std::string& text,
                       const std::vector<std::string>& overrides = {}) {
  TempDeck file(comm, text);
  return config_error([&] { Deck::load(comm, file.path(), overrides, app_schema()); });
}

// `text` loaded as a deck must fail with "<deck path>" + `expected`.
void expect_deck_error(const las::Comm& comm, const std::string& text,
                       const std::string& expected) {
  TempDeck file(comm, text);
  SCOPED_TRACE("deck:\n" + text);
  EXPECT_EQ(config_error([&] { Deck::load(comm, file.path(), {}, app_schema()); }),
            file.path() + expected);
}

std::string override_error(const las::Comm& comm, const std::vector<std::string>& overrides) {
  return config_error([&] { Deck::load(comm, "", overrides, app_schema()); });
}

TEST(DeckErrors, UnknownKeyNamesTheClosestValidKey) {
  las::Comm comm;
  expect_deck_error(comm, "grid:\n  nn: [4, 4]\n",
                    ": unknown key 'grid.nn' (did you mean 'grid.n'?)");
  expect_deck_error(comm, "sed: 3\n", ": unknown key 'sed' (did you mean 'seed'?)");
  expect_deck_error(comm, "solver:\n  maxiter: 3\n",
                    ": unknown key 'solver.maxiter' (did you mean 'solver.max_iter'?)");
  // A key below a scalar key is unknown too.
  expect_deck_error(comm, "grid.n.x: 3\n", ": unknown key 'grid.n.x' (did you mean 'grid.n'?)");
}

TEST(DeckErrors, MisspelledSectionIsAnUnknownKey) {
  las::Comm comm;
  expect_deck_error(comm, "gird:\n  n: [4, 4]\n", ": unknown key 'gird' (did you mean 'grid'?)");
  expect_deck_error(comm, "sovler:\n  rtol: 1e-3\n",
                    ": unknown key 'sovler' (did you mean 'solver'?)");
}

TEST(DeckErrors, UnknownOverrideKeyNamesTheClosestValidKey) {
  las::Comm comm;
  TempDeck file(comm, "seed: 1\n");
  EXPECT_EQ(config_error([&] { Deck::load(comm, file.path(), {"solver.rtl=1e-3"}, app_schema()); }),
            "command line: unknown key 'solver.rtl' (did you mean 'solver.rtol'?)");
  EXPECT_EQ(override_error(comm, {"gird={n: [2, 2]}"}),
            "command line: unknown key 'gird' (did you mean 'grid'?)");
}

TEST(DeckErrors, TypeMismatchNamesKeyAndValue) {
  las::Comm comm;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"solver:\n  max_iter: abc\n", ": key 'solver.max_iter' = 'abc': expected an integer"},
      {"solver:\n  max_iter: 1.5\n", ": key 'solver.max_iter' = '1.5': expected an integer"},
      {"solver:\n  max_iter: 0x10\n", ": key 'solver.max_iter' = '0x10': expected an integer"},
      {"solver:\n  max_iter: 99999999999999999999\n",
       ": key 'solver.max_iter' = '99999999999999999999': integer out of range"},
      {"solver:\n  rtol: {a: 1}\n", ": key 'solver.rtol' = '{a: 1}': expected a real number"},
      {"solver:\n  rtol: nan\n", ": key 'solver.rtol' = 'nan': expected a real number"},
      {"solver:\n  rtol: [1e-8]\n", ": key 'solver.rtol' = '[1e-8]': expected a real number"},
      {"grid:\n  n: 64\n", ": key 'grid.n' = '64': expected a list of integers"},
      {"grid:\n  n: [64, x]\n", ": key 'grid.n' = '[64, x]': element 2 of 2: expected an integer"},
      {"grid:\n  n: [[1, 2]]\n",
       ": key 'grid.n' = '[[1, 2]]': element 1 of 1: expected an integer"},
      {"grid:\n  length: [1, one]\n",
       ": key 'grid.length' = '[1, one]': element 2 of 2: expected a real number"},
      {"output:\n  write: maybe\n", ": key 'output.write' = 'maybe': expected true or false"},
      {"output:\n  name: [a, b]\n", ": key 'output.name' = '[a, b]': expected a string"},
      {"grid: 5\n", ": key 'grid' = '5': is a section: expected a map of its keys"},
      {"- seed\n- 3\n", ": expected a map of keys at the top level, found a list"},
      {"just text\n", ": expected a map of keys at the top level, found a scalar"},
  };
  for (const auto& [text, expected] : cases) expect_deck_error(comm, text, expected);
  EXPECT_EQ(override_error(comm, {"solver.max_iter=abc"}),
            "command line: key 'solver.max_iter' = 'abc': expected an integer");
}

TEST(DeckErrors, OutOfBoundsValueNamesTheBound) {
  las::Comm comm;
  expect_deck_error(comm, "solver:\n  max_iter: -4\n",
                    ": key 'solver.max_iter' = '-4': must be >= 1");
  expect_deck_error(comm, "solver:\n  rtol: 2\n", ": key 'solver.rtol' = '2': must be <= 1");
  expect_deck_error(comm, "grid:\n  n: [64, -4]\n",
                    ": key 'grid.n' = '[64, -4]': element 2 of 2: must be >= 1");
  EXPECT_EQ(override_error(comm, {"grid.length=[1, -0.5]"}),
            "command line: key 'grid.length' = '[1, -0.5]': element 2 of 2: must be >= 0");
}

TEST(DeckErrors, ValueNotAmongChoicesListsTheChoices) {
  las::Comm comm;
  EXPECT_EQ(override_error(comm, {"solver.method=cgg"}),
            "command line: key 'solver.method' = 'cgg': must be one of cg, jacobi-pcg");
  expect_deck_error(comm, "solver:\n  method: CG\n",
                    ": key 'solver.method' = 'CG': must be one of cg, jacobi-pcg");
}

TEST(DeckErrors, KeyWithoutValue) {
  las::Comm comm;
  expect_deck_error(comm, "solver:\n  rtol:\n", ": key 'solver.rtol' has no value");
  EXPECT_EQ(override_error(comm, {"seed="}), "command line: key 'seed' has no value");
}

TEST(DeckErrors, DuplicateKeyInTheFile) {
  las::Comm comm;
  expect_deck_error(comm, "seed: 1\nseed: 2\n", ": duplicate key 'seed'");
  expect_deck_error(comm, "grid:\n  n: [1, 1]\ngrid.n: [2, 2]\n", ": duplicate key 'grid.n'");
}

TEST(DeckErrors, RequiredKeyMissing) {
  las::Comm comm;
  Schema schema = app_schema();
  schema.add({"mesh.file", Type::String, "", "mesh to load"});
  EXPECT_EQ(config_error([&] { Deck::load(comm, "", {}, schema); }),
            "command line: missing required key 'mesh.file' (mesh to load)");
  TempDeck file(comm, "seed: 1\n");
  EXPECT_EQ(config_error([&] { Deck::load(comm, file.path(), {}, schema); }),
            file.path() + ": missing required key 'mesh.file' (mesh to load)");
  // Given on the command line, the same key is satisfied.
  EXPECT_EQ(Deck::load(comm, file.path(), {"mesh.file=box.h5"}, schema).get_string("mesh.file"),
            "box.h5");
}

TEST(DeckErrors, MalformedYamlGivesLineAndColumn) {
  las::Comm comm;
  // yaml-cpp reports an unclosed flow list where it gives up looking for the ']':
  // at the ':' of the next line's "solver: 3" (line 4, column 7), 1-based like a compiler.
  expect_deck_error(comm, "seed: 1\ngrid:\n  n: [1, 2\nsolver: 3\n",
                    ":4:7: invalid YAML: end of sequence flow not found");
  expect_deck_error(comm, "seed: 1\nsolver: rtol: 3\n", ":2:13: invalid YAML: illegal map value");
}

TEST(DeckErrors, MoreThanOneYamlDocument) {
  las::Comm comm;
  expect_deck_error(comm, "seed: 1\n---\nseed: 2\n", ": expected one YAML document, found 2");
}

TEST(DeckErrors, MissingOrUnreadableFile) {
  las::Comm comm;
  const std::string missing = unique_path(comm, "_missing.yaml");
  EXPECT_EQ(config_error([&] { Deck::load(comm, missing, {}, app_schema()); }),
            missing + ": cannot read file: No such file or directory");
  const std::string dir = unique_path(comm, "_dir");
  if (comm.is_root()) std::filesystem::create_directory(dir);
  comm.barrier();
  EXPECT_EQ(config_error([&] { Deck::load(comm, dir, {}, app_schema()); }),
            dir + ": cannot read file: Is a directory");
  comm.barrier();
  if (comm.is_root()) std::filesystem::remove(dir);
}

TEST(DeckErrors, MalformedOverride) {
  las::Comm comm;
  EXPECT_EQ(override_error(comm, {"solver.rtol"}),
            "command line: malformed override 'solver.rtol' (expected key=value)");
  EXPECT_EQ(override_error(comm, {"=5"}),
            "command line: malformed override '=5' (expected key=value)");
}

TEST(DeckErrors, OverrideWithInvalidYaml) {
  las::Comm comm;
  EXPECT_EQ(override_error(comm, {"grid.n=[1,2"}),
            "command line: key 'grid.n' = '[1,2': invalid YAML: end of sequence flow not found");
}

TEST(DeckErrors, OverrideErrorComesAfterAValidFile) {
  las::Comm comm;
  // A valid file does not hide a bad override, and a valid override does not hide a bad file.
  EXPECT_EQ(deck_error(comm, "seed: 1\n", {"seed=x"}),
            "command line: key 'seed' = 'x': expected an integer");
  EXPECT_THAT(deck_error(comm, "seed: x\n", {"seed=1"}), HasSubstr(": key 'seed' = 'x': expected"));
}

TEST(DeckErrors, LongOrMultiLineValuesStayOnOneLine) {
  las::Comm comm;
  const std::string message =
      deck_error(comm, "output:\n  name: |\n    line one\n    line two\n  write: \"" +
                           std::string(200, 'y') + "\"\n");
  EXPECT_THAT(message, HasSubstr(": key 'output.write' = 'yyyy"));
  EXPECT_THAT(message, HasSubstr("...': expected true or false"));
  EXPECT_LT(message.size(), 200u + 60u);
}

// Each case runs on every rank; each rank must throw, with rank 0's exact message.
TEST(DeckErrors, EveryRankThrowsTheSameError) {
  las::Comm comm;
  TempDeck bad_key(comm, "grid:\n  nn: [4, 4]\n", "_key.yaml");
  TempDeck bad_yaml(comm, "grid: [1, 2\n", "_yaml.yaml");
  TempDeck good(comm, "seed: 3\n", "_good.yaml");
  const std::string missing = unique_path(comm, "_missing.yaml");
  const std::vector<std::pair<std::string, std::function<void()>>> cases = {
      {"missing file", [&] { Deck::load(comm, missing, {}, app_schema()); }},
      {"unknown key", [&] { Deck::load(comm, bad_key.path(), {}, app_schema()); }},
      {"invalid YAML", [&] { Deck::load(comm, bad_yaml.path(), {}, app_schema()); }},
      {"bad override", [&] { Deck::load(comm, good.path(), {"solver.method=cgg"}, app_schema()); }},
  };
  for (const auto& [name, load] : cases) {
    SCOPED_TRACE(name);
    std::string message;
    try {
      load();
    } catch (const las::ConfigError& e) {
      message = e.what();
    }
    EXPECT_FALSE(comm.any(message.empty())) << "some rank did not throw ConfigError";
    EXPECT_EQ(message, comm.broadcast(message)) << "rank " << comm.rank() << " differs from rank 0";
  }
}

}  // namespace
}  // namespace las_config_test
