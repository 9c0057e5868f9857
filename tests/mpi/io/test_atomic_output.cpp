// SPDX-License-Identifier: BSD-3-Clause
// OutputFile and write_text_atomically: final files appear only on commit, nothing
// partial survives an exception, and every file carries las_version and config.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <filesystem>
#include <stdexcept>

#include "io_test_support.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/core/version.hpp"
#include "solvers/io/attribute_io.hpp"
#include "solvers/io/field_io.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/text_output.hpp"

namespace las::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::expect_throw_on_every_rank;
using testing::TempDir;

TEST(AtomicOutput, CommitRenamesTheTemporaryAndKeepsAttributes) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("result.h5");
  const std::string config = "solver:\n  type: cg\n  tol: 1e-8\n";
  {
    OutputFile out(comm, path, config);
    // Before commit only the hidden temporary exists, beside the final path.
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::exists(out.temporary_path()));
    EXPECT_EQ(std::filesystem::path(out.temporary_path()).parent_path(),
              std::filesystem::path(path).parent_path());
    EXPECT_EQ(comm.broadcast(out.temporary_path()), out.temporary_path());
    out.set_attribute("note", "written by the atomic-output test");
    out.commit();
    EXPECT_FALSE(out.is_open());
    EXPECT_FALSE(std::filesystem::exists(out.temporary_path()));
  }
  EXPECT_THAT(dir.entries(), ElementsAre("result.h5"));
  EXPECT_EQ(read_root_attribute(comm, path, "las_version"), std::string(version_string));
  EXPECT_EQ(read_root_attribute(comm, path, "config"), config);
  EXPECT_EQ(read_root_attribute(comm, path, "note"), "written by the atomic-output test");
}

TEST(AtomicOutput, DestroyedWithoutCommitLeavesNoFile) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("partial.h5");
  BoxGrid grid(comm, 2, {7, 5, 1});
  DistVector u(grid.comm(), grid.local_cells());
  Kokkos::deep_copy(u.view(), 1.5);
  bool caught = false;
  try {
    OutputFile out(comm, path, "a: 1\n");
    write_field(out, grid, "u", u);
    EXPECT_THAT(dir.entries(), ::testing::SizeIs(1));  // the temporary only
    throw std::runtime_error("solver failed half way");
  } catch (const std::runtime_error& e) {
    caught = std::string(e.what()) == "solver failed half way";
  }
  EXPECT_TRUE(caught);
  comm.barrier();
  EXPECT_THAT(dir.entries(), IsEmpty());
}

TEST(AtomicOutput, CommitReplacesAnExistingFile) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("run.h5");
  for (const char* config : {"run: 1\n", "run: 2\n"}) {
    OutputFile out(comm, path, config);
    out.commit();
  }
  EXPECT_EQ(read_root_attribute(comm, path, "config"), "run: 2\n");
  EXPECT_THAT(dir.entries(), ElementsAre("run.h5"));
}

TEST(AtomicOutput, LargeAndEmptyConfigsRoundTrip) {
  Comm comm;
  TempDir dir(comm);
  std::string big;
  for (int i = 0; big.size() < 200000; ++i) big += "key_" + std::to_string(i) + ": value\n";
  {
    OutputFile out(comm, dir.file("big.h5"), big);
    out.commit();
  }
  EXPECT_EQ(read_root_attribute(comm, dir.file("big.h5"), "config"), big);
  {
    OutputFile out(comm, dir.file("empty.h5"), "");
    out.commit();
  }
  EXPECT_EQ(read_root_attribute(comm, dir.file("empty.h5"), "config"), "");
}

TEST(AtomicOutput, MissingDirectoryThrowsOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("no/such/dir/out.h5");
  expect_throw_on_every_rank<Error>(
      comm, [&] { OutputFile out(comm, path, ""); }, {path, "cannot create"});
  EXPECT_THAT(dir.entries(), IsEmpty());
}

TEST(AtomicOutput, CommittedFileRejectsFurtherWrites) {
  Comm comm;
  TempDir dir(comm);
  OutputFile out(comm, dir.file("done.h5"), "");
  out.commit();
  EXPECT_THROW(out.set_attribute("late", "x"), Error);
  EXPECT_THROW(out.commit(), Error);
}

TEST(AtomicOutput, MissingRootAttributeIsAnInputError) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("attrs.h5");
  OutputFile(comm, path, "").commit();
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_root_attribute(comm, path, "nonexistent"); }, {path, "'nonexistent'"});
}

TEST(AtomicText, WritesAndReplacesWithoutLeftovers) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("report.json");
  write_text_atomically(comm, path, "{\"iterations\": 12}\n");
  EXPECT_EQ(testing::read_text(path), "{\"iterations\": 12}\n");
  comm.barrier();  // every rank has read the first version before it is replaced
  write_text_atomically(comm, path, comm.is_root() ? "second\n" : "ignored on other ranks\n");
  EXPECT_EQ(testing::read_text(path), "second\n");
  EXPECT_THAT(dir.entries(), ElementsAre("report.json"));
}

TEST(AtomicText, MissingDirectoryThrowsOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("missing/report.json");
  expect_throw_on_every_rank<Error>(
      comm, [&] { write_text_atomically(comm, path, "x"); }, {path});
  EXPECT_THAT(dir.entries(), IsEmpty());
}

}  // namespace
}  // namespace las::io
