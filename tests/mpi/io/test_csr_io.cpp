// SPDX-License-Identifier: BSD-3-Clause
// Distributed CSR matrices through parallel HDF5: round trips across distributions,
// the global layout checked with serial HDF5, and errors on malformed groups.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdint>
#include <map>
#include <utility>

#include "io_test_support.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/io/csr_io.hpp"
#include "solvers/io/output_file.hpp"

namespace las::io {
namespace {

using testing::expect_throw_on_every_rank;
using testing::TempDir;

constexpr long long kRows = 11;
constexpr long long kCols = 9;

// The oracle matrix: a deterministic pattern with an empty row (row 4).
bool present(long long i, long long j) {
  if (i == 4) return false;
  return (i * 7 + j * 3) % 5 == 0 || i == j;
}
double value(long long i, long long j) { return 100.0 * static_cast<double>(i) + j + 0.25; }

CsrRows oracle_rows(long long offset, long long count) {
  CsrRows rows;
  rows.global_rows = kRows;
  rows.global_cols = kCols;
  rows.row_offset = offset;
  for (long long i = offset; i < offset + count; ++i) {
    for (long long j = 0; j < kCols; ++j) {
      if (!present(i, j)) continue;
      rows.cols.push_back(j);
      rows.values.push_back(value(i, j));
    }
    rows.row_ptr.push_back(rows.cols.size());
  }
  return rows;
}

// Entries of this rank's rows that differ from the oracle (missing, extra or wrong).
long long differences(const CsrRows& rows) {
  long long bad = 0;
  for (long long r = 0; r < rows.local_rows(); ++r) {
    const long long i = rows.row_offset + r;
    std::map<long long, double> got;
    for (size_t e = rows.row_ptr[static_cast<size_t>(r)]; e < rows.row_ptr[static_cast<size_t>(r + 1)]; ++e)
      got[rows.cols[e]] = rows.values[e];
    for (long long j = 0; j < kCols; ++j) {
      const auto it = got.find(j);
      if (present(i, j) != (it != got.end())) ++bad;
      else if (it != got.end() && it->second != value(i, j)) ++bad;
    }
  }
  return bad;
}

void check_block_distribution(const Comm& comm, const CsrRows& rows) {
  long long local = 0, offset = 0;
  block_rows(kRows, comm, local, offset);
  EXPECT_EQ(rows.local_rows(), local);
  EXPECT_EQ(rows.row_offset, offset);
  EXPECT_EQ(rows.global_rows, kRows);
  EXPECT_EQ(rows.global_cols, kCols);
  EXPECT_EQ(rows.row_ptr.front(), 0u);
  EXPECT_EQ(rows.row_ptr.back(), rows.cols.size());
  EXPECT_EQ(rows.values.size(), rows.cols.size());
}

TEST(CsrIo, RoundTripWithTheBlockDistribution) {
  Comm comm;
  TempDir dir(comm);
  long long local = 0, offset = 0;
  block_rows(kRows, comm, local, offset);
  {
    OutputFile out(comm, dir.file("a.h5"), "");
    write_csr(out, "matrices/A", oracle_rows(offset, local));
    out.commit();
  }
  const CsrRows back = read_csr(comm, dir.file("a.h5"), "matrices/A");
  check_block_distribution(comm, back);
  EXPECT_EQ(differences(back), 0);
  EXPECT_EQ(comm.sum(static_cast<long long>(back.cols.size())),
            static_cast<long long>(oracle_rows(0, kRows).cols.size()));
}

TEST(CsrIo, ReadRedistributesAnyWrittenDistribution) {
  Comm comm;
  TempDir dir(comm);
  // Written with every row on the last rank (other ranks hold none).
  const bool last = comm.rank() == comm.size() - 1;
  {
    OutputFile out(comm, dir.file("a.h5"), "");
    write_csr(out, "A", last ? oracle_rows(0, kRows) : oracle_rows(0, 0));
    out.commit();
  }
  const CsrRows back = read_csr(comm, dir.file("a.h5"), "/A");
  check_block_distribution(comm, back);
  EXPECT_EQ(differences(back), 0);
}

TEST(CsrIo, GlobalLayoutReadableBySerialHdf5) {
  Comm comm;
  TempDir dir(comm);
  long long local = 0, offset = 0;
  block_rows(kRows, comm, local, offset);
  {
    OutputFile out(comm, dir.file("a.h5"), "");
    write_csr(out, "A", oracle_rows(offset, local));
    out.commit();
  }
  if (!comm.is_root()) return;
  const CsrRows whole = oracle_rows(0, kRows);
  const hid_t file = H5Fopen(dir.file("a.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t group = H5Gopen2(file, "A", H5P_DEFAULT);
  long long rows = 0, cols = 0;
  const hid_t a_rows = H5Aopen(group, "global_rows", H5P_DEFAULT);
  const hid_t a_cols = H5Aopen(group, "global_cols", H5P_DEFAULT);
  H5Aread(a_rows, H5T_NATIVE_LLONG, &rows);
  H5Aread(a_cols, H5T_NATIVE_LLONG, &cols);
  EXPECT_EQ(rows, kRows);
  EXPECT_EQ(cols, kCols);
  std::vector<long long> row_ptr(static_cast<size_t>(kRows + 1)), col_idx(whole.cols.size());
  std::vector<double> values(whole.values.size());
  const hid_t d_ptr = H5Dopen2(group, "row_ptr", H5P_DEFAULT);
  const hid_t d_col = H5Dopen2(group, "col_idx", H5P_DEFAULT);
  const hid_t d_val = H5Dopen2(group, "values", H5P_DEFAULT);
  EXPECT_EQ(H5Sget_simple_extent_npoints(H5Dget_space(d_col)),
            static_cast<hssize_t>(whole.cols.size()));
  const hid_t t_ptr = H5Dget_type(d_ptr);
  EXPECT_EQ(H5Tget_size(t_ptr), 8u);
  EXPECT_EQ(H5Tget_class(t_ptr), H5T_INTEGER);
  H5Dread(d_ptr, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, row_ptr.data());
  H5Dread(d_col, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, col_idx.data());
  H5Dread(d_val, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  for (size_t i = 0; i < row_ptr.size(); ++i)
    EXPECT_EQ(row_ptr[i], static_cast<long long>(whole.row_ptr[i])) << "row_ptr[" << i << "]";
  EXPECT_EQ(col_idx, whole.cols);
  EXPECT_EQ(values, whole.values);
  H5Tclose(t_ptr);
  H5Dclose(d_ptr);
  H5Dclose(d_col);
  H5Dclose(d_val);
  H5Aclose(a_rows);
  H5Aclose(a_cols);
  H5Gclose(group);
  H5Fclose(file);
}

TEST(CsrIo, InconsistentPiecesAreRejectedOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  long long local = 0, offset = 0;
  block_rows(kRows, comm, local, offset);
  OutputFile out(comm, dir.file("a.h5"), "");
  CsrRows rows = oracle_rows(offset, local);
  rows.global_rows = kRows + 1;  // not the sum of the local rows
  expect_throw_on_every_rank<Error>(
      comm, [&] { write_csr(out, "A", rows); }, {"a.h5:/A", "global_rows 12"});
  rows = oracle_rows(offset, local);
  rows.values.pop_back();
  expect_throw_on_every_rank<Error>(comm, [&] { write_csr(out, "B", rows); },
                                    {"a.h5:/B", "sizes disagree"});
}

// Rank 0 writes a hand-made group with serial HDF5 (what a foreign tool might write).
void write_raw_group(const std::string& path, long long global_rows, long long global_cols,
                     const std::vector<long long>& row_ptr, const std::vector<long long>& cols,
                     const std::vector<double>& values, bool with_values) {
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t group = H5Gcreate2(file, "M", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t scalar = H5Screate(H5S_SCALAR);
  for (auto [name, v] : {std::pair<const char*, long long>{"global_rows", global_rows},
                         std::pair<const char*, long long>{"global_cols", global_cols}}) {
    const hid_t a = H5Acreate2(group, name, H5T_STD_I64LE, scalar, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_LLONG, &v);
    H5Aclose(a);
  }
  const auto vec = [&](const char* name, hid_t type, hid_t mem, const void* data, size_t n) {
    const hsize_t dim = n;
    const hid_t space = H5Screate_simple(1, &dim, nullptr);
    const hid_t d = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    H5Dclose(d);
    H5Sclose(space);
  };
  vec("row_ptr", H5T_STD_I64LE, H5T_NATIVE_LLONG, row_ptr.data(), row_ptr.size());
  vec("col_idx", H5T_STD_I64LE, H5T_NATIVE_LLONG, cols.data(), cols.size());
  if (with_values) vec("values", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), values.size());
  H5Sclose(scalar);
  H5Gclose(group);
  H5Fclose(file);
}

TEST(CsrIo, MalformedGroupsGiveInputErrorsOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("raw.h5");
  const auto make = [&](long long n, long long m, std::vector<long long> rp,
                        std::vector<long long> ci, std::vector<double> v, bool with_values) {
    comm.barrier();
    if (comm.is_root()) write_raw_group(path, n, m, rp, ci, v, with_values);
    comm.barrier();
  };
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, dir.file("none.h5"), "M"); }, {"none.h5", "no such file"});

  make(3, 3, {0, 1, 2, 3}, {0, 1, 2}, {1, 2, 3}, true);
  EXPECT_EQ(read_csr(comm, path, "M").global_rows, 3);  // the well-formed baseline
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "Q"); }, {"raw.h5:/Q", "no such group"});

  make(3, 3, {0, 1, 2, 3}, {0, 1, 2}, {}, false);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "M"); }, {"raw.h5:/M/values", "no such dataset"});

  make(3, 3, {0, 1, 3}, {0, 1, 2}, {1, 2, 3}, true);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "M"); },
      {"raw.h5:/M/row_ptr", "expected global_rows + 1 = 4 entries, found 3"});

  make(3, 3, {0, 1, 2, 3}, {0, 1, 2}, {1, 2}, true);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "M"); },
      {"raw.h5:/M", "col_idx has 3 entries but values has 2"});

  make(3, 3, {0, 1, 2, 2}, {0, 1, 2}, {1, 2, 3}, true);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "M"); },
      {"raw.h5:/M/row_ptr", "last entry 2 disagrees with the 3 entries"});

  make(3, 3, {0, 2, 1, 3}, {0, 1, 2}, {1, 2, 3}, true);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "M"); }, {"raw.h5:/M/row_ptr", "decreases at row 1"});

  make(3, 3, {0, 1, 2, 3}, {0, 5, 2}, {1, 2, 3}, true);
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_csr(comm, path, "M"); },
      {"raw.h5:/M/col_idx", "column 5 of row 1 is outside [0, 3)"});
}

}  // namespace
}  // namespace las::io
