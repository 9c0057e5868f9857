// SPDX-License-Identifier: BSD-3-Clause
// Schema construction (bad specs are programming errors), lookup, the "did you
// mean" search and its edit distance, and the --help table.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "config_test_util.hpp"
#include "solvers/config/edit_distance.hpp"

namespace las_config_test {
namespace {

using las::config::edit_distance;
using ::testing::HasSubstr;

// The message of the programming error (las::Error, not ConfigError) that adding `spec` throws.
std::string add_error(Schema& schema, const KeySpec& spec) {
  try {
    schema.add(spec);
  } catch (const las::ConfigError& e) {
    ADD_FAILURE() << "a bad schema is a programming error, not a ConfigError: " << e.what();
    return e.what();
  } catch (const las::Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "adding '" << spec.path << "' did not throw";
  return "";
}

TEST(Schema, AddRejectsADuplicatePath) {
  Schema s = app_schema();
  EXPECT_THAT(add_error(s, {"solver.rtol", Type::Real, "1e-6"}),
              HasSubstr("'solver.rtol': duplicate key"));
  EXPECT_EQ(s.keys().size(), app_schema().keys().size()) << "a rejected key must not be added";
}

TEST(Schema, AddRejectsMalformedPaths) {
  Schema s;
  for (const std::string path : {"", "a..b", ".a", "a.", "a b", "a=b"}) {
    EXPECT_FALSE(add_error(s, {path, Type::Int, "1"}).empty()) << "'" << path << "'";
  }
  EXPECT_TRUE(s.keys().empty());
}

TEST(Schema, AddRejectsAKeyThatIsAlsoASection) {
  Schema s;
  s.add({"grid.n", Type::Int, "1"});
  EXPECT_THAT(add_error(s, {"grid", Type::Int, "1"}), HasSubstr("already a section"));
  s.add({"seed", Type::Int, "1"});
  EXPECT_THAT(add_error(s, {"seed.value", Type::Int, "1"}),
              HasSubstr("section 'seed' is already a key"));
}

TEST(Schema, AddRejectsInvalidDefaults) {
  Schema s;
  EXPECT_THAT(add_error(s, {"a", Type::Int, "abc"}),
              HasSubstr("default 'abc' is invalid: expected an integer"));
  EXPECT_THAT(add_error(s, {"b", Type::Int, "0", "", {}, 1.0}), HasSubstr("must be >= 1"));
  EXPECT_THAT(add_error(s, {"c", Type::String, "gmres", "", {"cg", "bicg"}}),
              HasSubstr("must be one of cg, bicg"));
  EXPECT_THAT(add_error(s, {"d", Type::IntList, "[1, 2", ""}), HasSubstr("not valid YAML"));
  EXPECT_THAT(add_error(s, {"e", Type::RealList, "1.0", ""}),
              HasSubstr("expected a list of real numbers"));
}

TEST(Schema, AddRejectsMisplacedChoicesAndBounds) {
  Schema s;
  EXPECT_THAT(add_error(s, {"a", Type::Int, "1", "", {"1", "2"}}), HasSubstr("choices"));
  EXPECT_THAT(add_error(s, {"b", Type::String, "x", "", {}, 0.0}), HasSubstr("bounds"));
  EXPECT_THAT(add_error(s, {"c", Type::Real, "1", "", {}, 2.0, 1.0}), HasSubstr("min > max"));
}

TEST(Schema, FindKnowsKeysButNotSections) {
  const Schema s = app_schema();
  const KeySpec* spec = s.find("solver.rtol");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->type, Type::Real);
  EXPECT_EQ(spec->default_yaml, "1e-8");
  EXPECT_EQ(s.find("solver"), nullptr);
  EXPECT_EQ(s.find("solver.rtl"), nullptr);
  EXPECT_TRUE(s.is_section("solver"));
  EXPECT_FALSE(s.is_section("solver.rtol"));
  EXPECT_FALSE(s.is_section("seed"));
}

TEST(Schema, MergeAddsAComponentsKeysAndChecksDuplicates) {
  Schema grid;
  grid.add({"grid.n", Type::IntList, "[4, 4]"});
  Schema solver;
  solver.add({"solver.rtol", Type::Real, "1e-8"});
  Schema app;
  app.merge(grid).merge(solver);
  ASSERT_EQ(app.keys().size(), 2u);
  EXPECT_EQ(app.keys()[0].path, "grid.n");
  EXPECT_EQ(app.keys()[1].path, "solver.rtol");
  EXPECT_TRUE(throws_programming_error([&] { app.merge(grid); }));
}

TEST(Schema, ClosestCorrectsTypos) {
  const Schema s = app_schema();
  EXPECT_EQ(s.closest("grid.nn"), "grid.n");
  EXPECT_EQ(s.closest("sovler.rtol"), "solver.rtol");  // a transposition
  EXPECT_EQ(s.closest("solver.maxiter"), "solver.max_iter");
  EXPECT_EQ(s.closest("gird"), "grid");  // a section
  EXPECT_EQ(s.closest("Seed"), "seed");
  EXPECT_EQ(Schema().closest("anything"), "");
}

TEST(Schema, HelpTextIsATableOfEveryKey) {
  Schema s = app_schema();
  s.add({"mesh.file", Type::String, "", "mesh to load"});
  const std::string help = s.help_text();
  std::istringstream in(help);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), s.keys().size() + 1);  // a header, then one line per key
  const std::size_t type_column = lines[0].find("type");
  ASSERT_NE(type_column, std::string::npos);
  for (std::size_t i = 0; i < s.keys().size(); ++i) {
    const KeySpec& spec = s.keys()[i];
    const std::string& line = lines[i + 1];
    EXPECT_EQ(line.rfind(spec.path + " ", 0), 0u) << line;
    EXPECT_EQ(line.substr(type_column, std::string(las::config::type_name(spec.type)).size()),
              las::config::type_name(spec.type))
        << line;
    EXPECT_THAT(line, HasSubstr(spec.help));
  }
  EXPECT_THAT(lines[1], HasSubstr("[64, 64]"));        // grid.n default
  EXPECT_THAT(lines[1], HasSubstr(">= 1"));            // grid.n bound
  EXPECT_THAT(lines[3], HasSubstr("cg, jacobi-pcg"));  // solver.method choices
  EXPECT_THAT(lines[4], HasSubstr("[0, 1]"));          // solver.rtol bounds
  EXPECT_THAT(lines.back(), HasSubstr("(required)"));  // mesh.file
}

TEST(EditDistance, CountsEditsWithTranspositionsAsOne) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("abc", "abc"), 0u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("gird", "grid"), 1u);
  EXPECT_EQ(edit_distance("grid.nn", "grid.n"), 1u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // optimal string alignment, not full Damerau (2)
}

}  // namespace
}  // namespace las_config_test
