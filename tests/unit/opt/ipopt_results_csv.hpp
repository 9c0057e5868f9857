// SPDX-License-Identifier: BSD-3-Clause
// The CSV that the MPI-free IPOPT test executables write (name,objective,iterations,kkt,
// seconds per problem) for the las tests that compare with it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace las::opt::test_support {

struct IpoptRow {
  double objective = 0;
  int iterations = 0;
};

/// name -> IPOPT's objective and iterations; a failed expectation when `path` is unreadable.
inline std::map<std::string, IpoptRow> read_ipopt_results(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::map<std::string, IpoptRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    std::string name;
    IpoptRow row;
    if (fields >> name >> row.objective >> row.iterations) rows[name] = row;
  }
  return rows;
}

}  // namespace las::opt::test_support
