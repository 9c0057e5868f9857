// SPDX-License-Identifier: BSD-3-Clause
// Arrays of items distributed by their first index: what each rank writes (uneven
// shares, some ranks empty, several collective writes) is read back at any offset, the
// file holds the global shape, and bad ranges are the same one-line error on every rank.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "io_test_support.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/item_array_io.hpp"

namespace las::io {
namespace {

// Item i of shape [2][3] holds 100 i + j, j = 0..5: an oracle independent of the ranks.
std::vector<double> items(long long first, long long count) {
  std::vector<double> v;
  for (long long i = first; i < first + count; ++i)
    for (int j = 0; j < 6; ++j) v.push_back(100.0 * static_cast<double>(i) + j);
  return v;
}

TEST(ItemArrayIo, UnevenSharesInSeveralWritesReadBackAnywhere) {
  Comm comm;
  testing::TempDir dir(comm);
  const std::string file = dir.file("items.h5");
  const long long total = 7;
  // Rank r owns a contiguous share; the last rank owns the remainder (at 1 rank: all).
  const long long share = total / comm.size();
  const long long begin = comm.rank() * share;
  const long long end = comm.rank() + 1 == comm.size() ? total : begin + share;
  {
    OutputFile out(comm, file, "cfg");
    create_items(out, "group/a", total, {2, 3});
    for (long long lo = begin; lo < begin + 4; lo += 2) {  // two collective writes each
      const long long hi = std::min(end, lo + 2);
      write_items(out, "group/a", lo, lo < hi ? items(lo, hi - lo) : std::vector<double>{});
    }
    if (end > begin + 4)
      write_items(out, "group/a", begin + 4, items(begin + 4, end - begin - 4));
    else
      write_items(out, "group/a", 0, {});  // every rank makes the same number of calls
    set_real_attribute(out, "tau", 0.125);
    set_integer_attribute(out, "count", total);
    out.commit();
  }
  const ItemBlock whole = read_items(comm, file, "group/a", 0, total);
  EXPECT_EQ(whole.shape, (std::vector<long long>{7, 2, 3}));
  EXPECT_EQ(whole.values, items(0, total));
  const ItemBlock part = read_items(comm, file, "/group/a", comm.rank(), 2);
  EXPECT_EQ(part.values, items(comm.rank(), 2));
  EXPECT_EQ(read_root_number(comm, file, "tau"), 0.125);
  EXPECT_EQ(read_root_number(comm, file, "count"), 7.0);
}

TEST(ItemArrayIo, BadRangesAreTheSameErrorOnEveryRank) {
  Comm comm;
  testing::TempDir dir(comm);
  const std::string file = dir.file("items.h5");
  {
    OutputFile out(comm, file, "cfg");
    create_items(out, "a", 3, {2, 3});
    testing::expect_throw_on_every_rank<Error>(
        comm, [&] { write_items(out, "a", 2, comm.is_root() ? items(2, 2) : std::vector<double>{}); },
        {"items.h5:/a", "do not fit"});
    testing::expect_throw_on_every_rank<Error>(comm,
                                               [&] {
                                                 create_items(out, "a", 3, {2, 3});
                                               },
                                               {"items.h5:/a", "exists already"});
    write_items(out, "a", 0, comm.is_root() ? items(0, 3) : std::vector<double>{});
    out.commit();
  }
  testing::expect_throw_on_every_rank<InputError>(comm, [&] { read_items(comm, file, "a", 2, 2); },
                                                  {"items.h5:/a", "outside its 3 items"});
  testing::expect_throw_on_every_rank<InputError>(comm, [&] { read_items(comm, file, "b", 0, 1); },
                                                  {"items.h5:/b", "no such dataset"});
}

}  // namespace
}  // namespace las::io
