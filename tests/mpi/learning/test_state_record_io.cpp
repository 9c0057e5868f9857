// SPDX-License-Identifier: BSD-3-Clause
// Learner checkpoints through parallel HDF5: bit-identical round trips (special values,
// empty arrays, extreme integers), a policy resumed from a file continuing exactly as
// the uninterrupted run, the layout read back with serial HDF5, and the errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "../io/io_test_support.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/state_record_io.hpp"
#include "solvers/learning/make_policy.hpp"

namespace las::io {
namespace {

using learning::StateRecord;
using testing::expect_throw_on_every_rank;
using testing::TempDir;

double from_bits(std::uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

StateRecord special_record() {
  StateRecord r;
  r.kind = "tsallis-inf";
  r.reals["arms"] = {1.0, 1.05, 1.95};
  r.reals["specials"] = {-0.0,
                         std::numeric_limits<double>::infinity(),
                         -std::numeric_limits<double>::infinity(),
                         from_bits(0x7ff8000000000123ULL),  // a NaN with a payload
                         std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::max(),
                         0.1 + 0.2};
  r.reals["empty"] = {};
  r.reals["bin3.scale"] = {3.25};
  r.integers["rounds"] = {std::numeric_limits<std::int64_t>::min(), -1, 0,
                          std::numeric_limits<std::int64_t>::max()};
  r.integers["none"] = {};
  r.words["rng"] = {0ULL, 1ULL, 0x8000000000000000ULL, std::numeric_limits<std::uint64_t>::max()};
  return r;
}

void expect_identical(const StateRecord& a, const StateRecord& b) {
  EXPECT_EQ(a.kind, b.kind);
  ASSERT_EQ(a.reals.size(), b.reals.size());
  for (const auto& [name, values] : a.reals) {
    ASSERT_EQ(b.reals.count(name), 1u) << name;
    EXPECT_TRUE(same_bits(values, b.reals.at(name))) << name;
  }
  EXPECT_EQ(a.integers, b.integers);
  EXPECT_EQ(a.words, b.words);
}

TEST(StateRecordIo, RoundTripIsBitIdentical) {
  Comm comm;
  TempDir dir(comm);
  const StateRecord record = special_record();
  {
    OutputFile out(comm, dir.file("state.h5"), "");
    write_state_record(out, "checkpoint/policy", record);
    out.commit();
  }
  expect_identical(record, read_state_record(comm, dir.file("state.h5"), "checkpoint/policy"));
  expect_identical(record, read_state_record(comm, dir.file("state.h5"), "/checkpoint/policy"));
}

TEST(StateRecordIo, PolicyResumedFromAFileContinuesIdentically) {
  Comm comm;
  TempDir dir(comm);
  for (const std::string& kind : learning::policy_kinds()) {
    learning::PolicyOptions o;
    o.kind = kind;
    o.arms = learning::omega_grid();
    o.seed = 2024;
    o.context_min = 0.0;
    o.context_max = 10.0;
    const auto context = [](int t) { return 10.0 * std::abs(std::sin(0.37 * t)); };
    const auto cost = [](int t, int arm, double c) {
      return 20.0 + std::abs(arm - 8 - 0.5 * c) * 7.0 + t % 3;
    };
    auto straight = learning::make_policy(o);
    auto first = learning::make_policy(o);
    for (int t = 0; t < 150; ++t) {
      straight->update(cost(t, straight->choose(context(t)), context(t)));
      first->update(cost(t, first->choose(context(t)), context(t)));
    }
    {
      OutputFile out(comm, dir.file(kind + ".h5"), "");
      write_state_record(out, "bandit", first->save());
      out.commit();
    }
    o.seed = 1;  // the RNG state must come from the file
    auto resumed = learning::make_policy(o);
    resumed->restore(read_state_record(comm, dir.file(kind + ".h5"), "bandit"));
    for (int t = 150; t < 300; ++t) {
      const int a = straight->choose(context(t)), b = resumed->choose(context(t));
      ASSERT_EQ(a, b) << kind << " round " << t;
      straight->update(cost(t, a, context(t)));
      resumed->update(cost(t, b, context(t)));
    }
  }
}

TEST(StateRecordIo, LayoutIsReadableBySerialHdf5) {
  Comm comm;
  TempDir dir(comm);
  {
    OutputFile out(comm, dir.file("state.h5"), "");
    write_state_record(out, "p", special_record());
    out.commit();
  }
  if (!comm.is_root()) return;
  const hid_t file = H5Fopen(dir.file("state.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t d = H5Dopen2(file, "/p/reals/arms", H5P_DEFAULT);
  ASSERT_GE(d, 0);
  std::vector<double> arms(3);
  EXPECT_GE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, arms.data()), 0);
  EXPECT_EQ(arms, (std::vector<double>{1.0, 1.05, 1.95}));
  const hid_t w = H5Dopen2(file, "/p/words/rng", H5P_DEFAULT);
  const hid_t wt = H5Dget_type(w);
  EXPECT_EQ(H5Tget_sign(wt), H5T_SGN_NONE);
  EXPECT_EQ(H5Tget_size(wt), 8u);
  const hid_t g = H5Gopen2(file, "/p", H5P_DEFAULT);
  EXPECT_GT(H5Aexists(g, "kind"), 0);
  H5Tclose(wt);
  H5Dclose(w);
  H5Gclose(g);
  H5Dclose(d);
  H5Fclose(file);
}

TEST(StateRecordIo, MissingFileOrGroupNamesThem) {
  Comm comm;
  TempDir dir(comm);
  const std::string missing = dir.file("absent.h5");
  expect_throw_on_every_rank<InputError>(comm, [&] { read_state_record(comm, missing, "bandit"); },
                                         {missing});
  {
    OutputFile out(comm, dir.file("state.h5"), "");
    write_state_record(out, "bandit", special_record());
    out.commit();
  }
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_state_record(comm, dir.file("state.h5"), "learner/state"); },
      {dir.file("state.h5"), "/learner/state", "no such group"});
}

TEST(StateRecordIo, WriteErrorsAreAgreedOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  OutputFile out(comm, dir.file("state.h5"), "");
  write_state_record(out, "bandit", special_record());
  expect_throw_on_every_rank<Error>(
      comm, [&] { write_state_record(out, "bandit", special_record()); }, {"exists already"});
  StateRecord bad = special_record();
  bad.reals["a/b"] = {1.0};
  expect_throw_on_every_rank<Error>(comm, [&] { write_state_record(out, "bad", bad); }, {"'a/b'"});
  // Ranks disagreeing on the structure (only possible with more than one rank).
  StateRecord uneven = special_record();
  if (comm.rank() == 1) uneven.reals["extra"] = {1.0};
  if (comm.size() > 1) {
    expect_throw_on_every_rank<Error>(comm, [&] { write_state_record(out, "uneven", uneven); },
                                      {"records differ"});
  }
  out.commit();
}

}  // namespace
}  // namespace las::io
