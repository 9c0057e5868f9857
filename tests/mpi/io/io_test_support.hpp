// SPDX-License-Identifier: BSD-3-Clause
// Shared helpers for the las::io MPI tests: a per-test temporary directory and a
// check that an error is thrown, identically, on every rank.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "solvers/core/comm.hpp"
#include "solvers/core/error.hpp"

namespace las::io::testing {

/// A unique directory under the system temp dir (rank 0 creates it with mkdtemp and
/// broadcasts the name); removed with its content at the end (collective).
class TempDir {
 public:
  explicit TempDir(const Comm& comm) : comm_(comm) {
    std::string name;
    if (comm_.is_root()) {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "las_io_test_XXXXXX").string();
      if (::mkdtemp(pattern.data()) != nullptr) name = pattern;
    }
    path_ = comm_.broadcast(name);
    if (path_.empty()) throw Error("mkdtemp failed");
  }
  ~TempDir() {
    comm_.barrier();
    if (comm_.is_root()) {
      std::error_code ignored;
      std::filesystem::remove_all(path_, ignored);
    }
    comm_.barrier();
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// `name` inside the directory.
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }
  /// The names in the directory, sorted (hidden ones included).
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  Comm comm_;
  std::string path_;
};

/// Whole text of a file ("" when missing).
inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

/// Rank 0 writes `text` to `path`; every rank returns after it exists.
inline void write_text_on_root(const Comm& comm, const std::string& path, const std::string& text) {
  if (comm.is_root()) {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  comm.barrier();
}

/// Runs `action` (collective) and checks that every rank throws an `E` whose
/// message contains each of `parts`, and that all ranks got the same message.
/// Returns the message.
template <class E>
std::string expect_throw_on_every_rank(const Comm& comm, const std::function<void()>& action,
                                       const std::vector<std::string>& parts) {
  std::string message;
  bool threw = false;
  try {
    action();
  } catch (const E& e) {
    threw = true;
    message = e.what();
  }
  EXPECT_TRUE(threw) << "rank " << comm.rank() << " did not throw";
  EXPECT_EQ(comm.sum(threw ? 1LL : 0LL), static_cast<long long>(comm.size()))
      << "not every rank threw";
  for (const std::string& part : parts) EXPECT_THAT(message, ::testing::HasSubstr(part));
  EXPECT_EQ(comm.broadcast(message), message) << "ranks disagree on the message";
  EXPECT_EQ(message.find('\n'), std::string::npos) << "the message is not one line";
  return message;
}

}  // namespace las::io::testing
