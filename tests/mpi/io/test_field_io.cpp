// SPDX-License-Identifier: BSD-3-Clause
// Grid fields through parallel HDF5: round trips on uneven grids, reading on another
// decomposition, the file layout checked with plain serial HDF5, read_block with
// halos, and the agreed errors (missing file/dataset, shape, NaN/Inf).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <limits>

#include "io_test_support.hpp"
#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_vector.hpp"
#include "solvers/io/field_io.hpp"
#include "solvers/io/output_file.hpp"

namespace las::io {
namespace {

using testing::expect_throw_on_every_rank;
using testing::TempDir;

// The oracle: a value that identifies its global cell.
double oracle(long long x, long long y, long long z) {
  return 0.5 + static_cast<double>(x) + 100.0 * static_cast<double>(y) +
         10000.0 * static_cast<double>(z);
}

DistVector make_field(const BoxGrid& grid) {
  DistVector v(grid.comm(), grid.local_cells());
  auto host = Kokkos::create_mirror_view(v.view());
  const auto& n = grid.local_extent();
  const auto& o = grid.offset();
  long long i = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int l = 0; l < n[0]; ++l) host(i++) = oracle(o[0] + l, o[1] + j, o[2] + k);
  Kokkos::deep_copy(v.view(), host);
  return v;
}

// Number of local cells whose value differs from the oracle (exact comparison).
long long mismatches(const BoxGrid& grid, const DistVector& v) {
  auto host = Kokkos::create_mirror_view(v.view());
  Kokkos::deep_copy(host, v.view());
  const auto& n = grid.local_extent();
  const auto& o = grid.offset();
  long long i = 0, bad = 0;
  for (int k = 0; k < n[2]; ++k)
    for (int j = 0; j < n[1]; ++j)
      for (int l = 0; l < n[0]; ++l)
        if (host(i++) != oracle(o[0] + l, o[1] + j, o[2] + k)) ++bad;
  return bad;
}

void write_one(const Comm& comm, const std::string& path, const BoxGrid& grid,
               const std::string& name, const DistVector& v) {
  OutputFile out(comm, path, "test: field\n");
  write_field(out, grid, name, v);
  out.commit();
}

// Reads a whole dataset with serial HDF5 on this rank (independent of las::io).
std::vector<double> serial_read(const std::string& path, const std::string& name,
                                std::vector<hsize_t>& dims) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t dset = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
  const hid_t space = H5Dget_space(dset);
  dims.assign(static_cast<size_t>(H5Sget_simple_extent_ndims(space)), 0);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  std::vector<double> data(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
  H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data());
  H5Sclose(space);
  H5Dclose(dset);
  H5Fclose(file);
  return data;
}

class FieldRoundTrip : public ::testing::TestWithParam<std::array<long long, 3>> {};

TEST_P(FieldRoundTrip, ReadBackEqualsTheOracle) {
  Comm comm;
  TempDir dir(comm);
  const auto extent = GetParam();
  const int dim = extent[2] > 1 ? 3 : 2;
  BoxGrid grid(comm, dim, extent);
  write_one(comm, dir.file("f.h5"), grid, "fields/u", make_field(grid));
  DistVector back = read_field(grid, dir.file("f.h5"), "fields/u");
  EXPECT_EQ(back.local_size(), grid.local_cells());
  EXPECT_EQ(mismatches(grid, back), 0);
  EXPECT_EQ(back.global_size(), grid.global_cells());
}

TEST_P(FieldRoundTrip, FileHoldsZyxLayoutReadableBySerialHdf5) {
  Comm comm;
  TempDir dir(comm);
  const auto extent = GetParam();
  const int dim = extent[2] > 1 ? 3 : 2;
  BoxGrid grid(comm, dim, extent);
  write_one(comm, dir.file("f.h5"), grid, "u", make_field(grid));
  if (comm.is_root()) {
    std::vector<hsize_t> dims;
    const std::vector<double> all = serial_read(dir.file("f.h5"), "/u", dims);
    std::vector<hsize_t> expected_dims;
    if (dim == 3) expected_dims.push_back(static_cast<hsize_t>(extent[2]));
    expected_dims.push_back(static_cast<hsize_t>(extent[1]));
    expected_dims.push_back(static_cast<hsize_t>(extent[0]));
    EXPECT_EQ(dims, expected_dims);
    ASSERT_EQ(static_cast<long long>(all.size()), grid.global_cells());
    size_t i = 0;
    for (long long z = 0; z < extent[2]; ++z)
      for (long long y = 0; y < extent[1]; ++y)
        for (long long x = 0; x < extent[0]; ++x, ++i)
          EXPECT_EQ(all[i], oracle(x, y, z)) << "x=" << x << " y=" << y << " z=" << z;
  }
}

TEST_P(FieldRoundTrip, ReaderDecompositionNeedNotMatchTheWriter) {
  Comm comm;
  TempDir dir(comm);
  const auto extent = GetParam();
  const int dim = extent[2] > 1 ? 3 : 2;
  // Written split along x, read split along y (different blocks at 2 ranks).
  BoxGrid writer(comm, dim, extent, {comm.size(), 1, 1});
  BoxGrid reader(comm, dim, extent, {1, comm.size(), 1});
  write_one(comm, dir.file("f.h5"), writer, "u", make_field(writer));
  DistVector back = read_field(reader, dir.file("f.h5"), "u");
  EXPECT_EQ(mismatches(reader, back), 0);
  if (comm.size() > 1) {
    EXPECT_NE(writer.local_extent(), reader.local_extent());
  }
}

INSTANTIATE_TEST_SUITE_P(UnevenGrids, FieldRoundTrip,
                         ::testing::Values(std::array<long long, 3>{7, 5, 1},
                                           std::array<long long, 3>{5, 4, 3}));

TEST(FieldIo, SeveralFieldsInOneFile) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  DistVector u = make_field(grid);
  DistVector w(grid.comm(), grid.local_cells());
  Kokkos::deep_copy(w.view(), -2.0);
  {
    OutputFile out(comm, dir.file("two.h5"), "");
    write_field(out, grid, "u", u);
    write_field(out, grid, "w", w);
    out.commit();
  }
  EXPECT_EQ(mismatches(grid, read_field(grid, dir.file("two.h5"), "/u")), 0);
  auto host = Kokkos::create_mirror_view(w.view());
  Kokkos::deep_copy(host, read_field(grid, dir.file("two.h5"), "w").view());
  for (size_t i = 0; i < host.extent(0); ++i) EXPECT_EQ(host(i), -2.0);
}

TEST(FieldIo, WritingAnExistingDatasetThrowsEverywhere) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  DistVector u = make_field(grid);
  OutputFile out(comm, dir.file("dup.h5"), "");
  write_field(out, grid, "u", u);
  expect_throw_on_every_rank<Error>(
      comm, [&] { write_field(out, grid, "u", u); }, {"dup.h5:/u", "exists already"});
}

TEST(FieldIo, ReadBlockWithHaloMatchesTheOracle) {
  Comm comm;
  TempDir dir(comm);
  for (const std::array<long long, 3> extent :
       {std::array<long long, 3>{5, 4, 3}, std::array<long long, 3>{7, 5, 1}}) {
    const int dim = extent[2] > 1 ? 3 : 2;
    BoxGrid grid(comm, dim, extent);
    write_one(comm, dir.file("k.h5"), grid, "k", make_field(grid));
    // Owned block plus one halo cell each side, clipped to the domain.
    std::array<long long, 3> lo{}, count{};
    for (size_t a = 0; a < 3; ++a) {
      lo[a] = std::max(0LL, grid.offset()[a] - 1);
      const long long hi =
          std::min(extent[a], grid.offset()[a] + grid.local_extent()[a] + 1);
      count[a] = hi - lo[a];
    }
    const std::vector<double> block = read_block(comm, dir.file("k.h5"), "k", lo, count);
    ASSERT_EQ(static_cast<long long>(block.size()), count[0] * count[1] * count[2]);
    size_t i = 0;
    long long bad = 0;
    for (long long z = 0; z < count[2]; ++z)
      for (long long y = 0; y < count[1]; ++y)
        for (long long x = 0; x < count[0]; ++x, ++i)
          if (block[i] != oracle(lo[0] + x, lo[1] + y, lo[2] + z)) ++bad;
    EXPECT_EQ(bad, 0);
    // With several ranks every block has an interior face, so a halo was really read.
    if (comm.size() > 1) {
      EXPECT_GT(count[0] * count[1] * count[2], grid.local_cells());
    }
  }
}

TEST(FieldIo, ReadBlockAcceptsEmptyAndArbitraryBoxes) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 3, {5, 4, 3});
  write_one(comm, dir.file("k.h5"), grid, "k", make_field(grid));
  // Rank 0 reads nothing, the others one fixed interior box.
  const std::array<long long, 3> lo{1, 2, 1};
  const std::array<long long, 3> count =
      comm.is_root() ? std::array<long long, 3>{0, 0, 0} : std::array<long long, 3>{3, 2, 2};
  const std::vector<double> block = read_block(comm, dir.file("k.h5"), "k", lo, count);
  ASSERT_EQ(static_cast<long long>(block.size()), count[0] * count[1] * count[2]);
  if (!comm.is_root()) {
    EXPECT_EQ(block.front(), oracle(1, 2, 1));
    EXPECT_EQ(block.back(), oracle(3, 3, 2));
  }
}

TEST(FieldIo, ReadBlockOutsideTheDatasetThrows) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  write_one(comm, dir.file("k.h5"), grid, "k", make_field(grid));
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_block(comm, dir.file("k.h5"), "k", {-1, 0, 0}, {3, 3, 1}); },
      {"k.h5:/k", "outside the dataset [5][7]"});
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_block(comm, dir.file("k.h5"), "k", {0, 0, 0}, {8, 1, 1}); },
      {"x[0,8)"});
}

TEST(FieldIo, MissingFileAndDatasetThrowOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  const std::string missing = dir.file("missing.h5");
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(grid, missing, "u"); }, {missing, "no such file"});
  testing::write_text_on_root(comm, dir.file("text.h5"), "not hdf5\n");
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(grid, dir.file("text.h5"), "u"); }, {"text.h5", "not an HDF5 file"});
  write_one(comm, dir.file("f.h5"), grid, "u", make_field(grid));
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(grid, dir.file("f.h5"), "v"); }, {"f.h5:/v", "no such dataset"});
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(grid, dir.file("f.h5"), "g/v"); }, {"f.h5:/g/v", "no such dataset"});
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_block(comm, dir.file("f.h5"), "v", {0, 0, 0}, {1, 1, 1}); },
      {"f.h5:/v", "no such dataset"});
}

TEST(FieldIo, WrongShapeOrRankNamesExpectedAndFound) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 2, {7, 5, 1});
  write_one(comm, dir.file("f.h5"), grid, "u", make_field(grid));
  BoxGrid transposed(comm, 2, {5, 7, 1});
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(transposed, dir.file("f.h5"), "u"); },
      {"f.h5:/u", "wrong shape", "expected a 2D dataset [7][5]", "found 2D [5][7]"});
  BoxGrid cube(comm, 3, {7, 5, 2});
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(cube, dir.file("f.h5"), "u"); },
      {"f.h5:/u", "expected a 3D dataset [2][5][7]", "found 2D [5][7]"});
}

TEST(FieldIo, NonFiniteValuesNameTheFirstBadGlobalIndex) {
  Comm comm;
  TempDir dir(comm);
  // Split along x: at 2 ranks rank 0 owns x 0..3, rank 1 owns x 4..6.
  BoxGrid grid(comm, 2, {7, 5, 1}, {comm.size(), 1, 1});
  DistVector u = make_field(grid);
  auto host = Kokkos::create_mirror_view(u.view());
  Kokkos::deep_copy(host, u.view());
  const auto set = [&](long long x, long long y, double value) {
    const auto& o = grid.offset();
    const auto& n = grid.local_extent();
    if (x >= o[0] && x < o[0] + n[0] && y >= o[1] && y < o[1] + n[1])
      host((y - o[1]) * n[0] + (x - o[0])) = value;
  };
  // In file order (y, x): the NaN at (x=5, y=1) comes before the Inf at (x=1, y=3).
  set(1, 3, std::numeric_limits<double>::infinity());
  set(5, 1, std::numeric_limits<double>::quiet_NaN());
  Kokkos::deep_copy(u.view(), host);
  write_one(comm, dir.file("bad.h5"), grid, "u", u);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(grid, dir.file("bad.h5"), "u"); },
      {"bad.h5:/u", "non-finite value (NaN) at global index (x=5, y=1)"});
  // A block that avoids the NaN reports the Inf.
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_block(comm, dir.file("bad.h5"), "u", {0, 2, 0}, {7, 3, 1}); },
      {"bad.h5:/u", "(+Inf) at global index (x=1, y=3)"});
  // ... and one that avoids both reads fine.
  EXPECT_EQ(read_block(comm, dir.file("bad.h5"), "u", {0, 0, 0}, {7, 1, 1}).size(), 7u);
}

TEST(FieldIo, NonFiniteValueIn3DNamesZ) {
  Comm comm;
  TempDir dir(comm);
  BoxGrid grid(comm, 3, {5, 4, 3});
  DistVector u = make_field(grid);
  auto host = Kokkos::create_mirror_view(u.view());
  Kokkos::deep_copy(host, u.view());
  const auto& o = grid.offset();
  const auto& n = grid.local_extent();
  const long long x = 2, y = 3, z = 2;
  if (x >= o[0] && x < o[0] + n[0] && y >= o[1] && y < o[1] + n[1] && z >= o[2] &&
      z < o[2] + n[2])
    host(((z - o[2]) * n[1] + (y - o[1])) * n[0] + (x - o[0])) =
        -std::numeric_limits<double>::infinity();
  Kokkos::deep_copy(u.view(), host);
  write_one(comm, dir.file("bad3.h5"), grid, "u", u);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_field(grid, dir.file("bad3.h5"), "u"); },
      {"(-Inf) at global index (x=2, y=3, z=2)"});
}

}  // namespace
}  // namespace las::io
