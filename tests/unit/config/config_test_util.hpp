// SPDX-License-Identifier: BSD-3-Clause
// Shared pieces of the config tests: a schema shaped like a real app's, temporary
// deck files named uniquely per test and per run (the np1 and np2 runs of this
// executable may run at the same time), and a catcher for ConfigError messages.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "solvers/config/deck.hpp"
#include "solvers/config/schema.hpp"
#include "solvers/core/comm.hpp"
#include "solvers/core/error.hpp"

namespace las_config_test {

using las::config::Deck;
using las::config::KeySpec;
using las::config::Schema;
using las::config::Type;

/// Keys like an app's: lists with bounds, choices, a bounded real, an int, bools, strings.
inline Schema app_schema() {
  Schema s;
  s.add({"grid.n", Type::IntList, "[64, 64]", "cells per dimension", {}, 1.0});
  s.add({"grid.length", Type::RealList, "[1.0, 1.0]", "domain size per dimension", {}, 0.0});
  s.add({"solver.method", Type::String, "cg", "Krylov method", {"cg", "jacobi-pcg"}});
  s.add({"solver.rtol", Type::Real, "1e-8", "relative tolerance", {}, 0.0, 1.0});
  s.add({"solver.max_iter", Type::Int, "1000", "iteration limit", {}, 1.0});
  s.add({"output.write", Type::Bool, "true", "write fields"});
  s.add({"output.name", Type::String, "run", "output base name"});
  s.add({"seed", Type::Int, "42", "random seed"});
  return s;
}

/// A path unique to this test and this run (rank 0's pid, broadcast), in the temp dir.
inline std::string unique_path(const las::Comm& comm, const std::string& suffix) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name = std::string("las_config_") + info->test_suite_name() + "_" +
                           info->name() + "_" + std::to_string(::getpid()) + suffix;
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  return comm.broadcast(path);
}

/// A deck file: rank 0 writes it, then a barrier; removed (rank 0) after a barrier.
class TempDeck {
 public:
  TempDeck(const las::Comm& comm, const std::string& text, const std::string& suffix = ".yaml")
      : comm_(comm), path_(unique_path(comm, suffix)) {
    if (comm_.is_root()) {
      std::ofstream out(path_, std::ios::binary);
      out << text;
    }
    comm_.barrier();
  }
  ~TempDeck() {
    comm_.barrier();
    if (comm_.is_root()) std::remove(path_.c_str());
  }
  TempDeck(const TempDeck&) = delete;
  TempDeck& operator=(const TempDeck&) = delete;
  const std::string& path() const { return path_; }

 private:
  las::Comm comm_;
  std::string path_;
};

/// The message of the las::ConfigError that `f` throws; a test failure (and a marker
/// string) when it throws nothing, another type, or a message of more than one line.
template <class F>
std::string config_error(F&& f) {
  try {
    f();
  } catch (const las::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
    return message;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected las::ConfigError, got another exception: " << e.what();
    return "(other exception)";
  }
  ADD_FAILURE() << "expected las::ConfigError, nothing was thrown";
  return "(no exception)";
}

/// True when `f` throws las::Error that is not a ConfigError (a programming error).
template <class F>
bool throws_programming_error(F&& f) {
  try {
    f();
  } catch (const las::ConfigError&) {
    return false;
  } catch (const las::Error&) {
    return true;
  }
  return false;
}

}  // namespace las_config_test
