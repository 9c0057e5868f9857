// SPDX-License-Identifier: BSD-3-Clause
// MatrixMarket reader: good files checked entry by entry against a dense matrix
// built from the entries the test itself wrote, and every bad-file case checked for
// its file:line message on every rank.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <tuple>

#include "io_test_support.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/io/matrix_market.hpp"

namespace las::io {
namespace {

using testing::expect_throw_on_every_rank;
using testing::TempDir;
using Dense = std::vector<std::vector<double>>;
using Triplet = std::tuple<long long, long long, double>;  // 1-based, as in the file

// Checks this rank's rows against the dense oracle: the block-row distribution,
// sorted unique columns, and every stored and unstored entry.
void expect_rows_match(const Comm& comm, const CsrRows& rows, const Dense& dense) {
  const long long n = static_cast<long long>(dense.size());
  long long local = 0, offset = 0;
  block_rows(n, comm, local, offset);
  ASSERT_EQ(rows.global_rows, n);
  ASSERT_EQ(rows.global_cols, static_cast<long long>(dense[0].size()));
  ASSERT_EQ(rows.local_rows(), local);
  ASSERT_EQ(rows.row_offset, offset);
  ASSERT_EQ(rows.row_ptr.back(), rows.cols.size());
  ASSERT_EQ(rows.values.size(), rows.cols.size());
  for (long long r = 0; r < local; ++r) {
    const auto& expected = dense[static_cast<size_t>(offset + r)];
    std::vector<double> got(expected.size(), 0.0);
    long long previous = -1;
    for (size_t e = rows.row_ptr[static_cast<size_t>(r)]; e < rows.row_ptr[static_cast<size_t>(r + 1)]; ++e) {
      EXPECT_GT(rows.cols[e], previous) << "columns not sorted/unique in row " << offset + r;
      previous = rows.cols[e];
      got[static_cast<size_t>(rows.cols[e])] = rows.values[e];
      EXPECT_NE(rows.values[e], 0.0) << "an entry the file does not have";
    }
    EXPECT_EQ(got, expected) << "row " << offset + r;
  }
}

// Writes a file from triplets and returns the dense oracle (duplicates summed,
// symmetric entries mirrored).
Dense write_file(const Comm& comm, const std::string& path, const std::string& banner,
                 long long m, long long n, const std::vector<Triplet>& entries, bool pattern,
                 bool symmetric, const std::string& eol = "\n") {
  std::ostringstream os;
  os << banner << eol << "% a comment line" << eol << "%" << eol << m << " " << n << " "
     << entries.size() << eol;
  Dense dense(static_cast<size_t>(m), std::vector<double>(static_cast<size_t>(n), 0.0));
  for (const auto& [i, j, v] : entries) {
    os << i << " " << j;
    if (!pattern) os << " " << v;
    os << eol;
    const double value = pattern ? 1.0 : v;
    dense[static_cast<size_t>(i - 1)][static_cast<size_t>(j - 1)] += value;
    if (symmetric && i != j) dense[static_cast<size_t>(j - 1)][static_cast<size_t>(i - 1)] += value;
  }
  testing::write_text_on_root(comm, path, os.str());
  return dense;
}

TEST(MatrixMarket, GeneralRealWithDuplicatesSummed) {
  Comm comm;
  TempDir dir(comm);
  const std::vector<Triplet> entries = {{1, 1, 4.5},  {2, 3, -1.25}, {5, 4, 2e-3}, {3, 2, 7},
                                        {2, 3, 0.5},  {4, 5, 1e10},  {1, 5, -3},   {5, 1, 0.125},
                                        {3, 3, 2.75}, {2, 3, 0.25}};
  const std::string path = dir.file("general.mtx");
  const Dense dense = write_file(comm, path, "%%MatrixMarket matrix coordinate real general", 5,
                                 5, entries, false, false);
  EXPECT_EQ(dense[1][2], -0.5);  // three entries for (2,3) summed in the oracle
  expect_rows_match(comm, read_matrix_market(comm, path), dense);
}

TEST(MatrixMarket, RectangularWithEmptyRowsAndCrlf) {
  Comm comm;
  TempDir dir(comm);
  const std::vector<Triplet> entries = {{1, 7, 1.5}, {3, 1, -2}, {3, 7, 3}, {6, 2, 4}};
  const std::string path = dir.file("rect.mtx");
  const Dense dense = write_file(comm, path, "%%MatrixMarket matrix coordinate real general", 6,
                                 7, entries, false, false, "\r\n");
  expect_rows_match(comm, read_matrix_market(comm, path), dense);
}

TEST(MatrixMarket, SymmetricLowerTriangleIsExpanded) {
  Comm comm;
  TempDir dir(comm);
  const std::vector<Triplet> entries = {{1, 1, 4}, {2, 1, -1}, {2, 2, 4}, {3, 2, -1},
                                        {3, 3, 4}, {4, 1, 0.5}, {4, 4, 4}, {5, 3, -2}, {5, 5, 3}};
  const std::string path = dir.file("sym.mtx");
  const Dense dense = write_file(comm, path, "%%MatrixMarket matrix coordinate real symmetric", 5,
                                 5, entries, false, true);
  EXPECT_EQ(dense[0][3], 0.5);
  EXPECT_EQ(dense[3][0], 0.5);
  const CsrRows rows = read_matrix_market(comm, path);
  expect_rows_match(comm, rows, dense);
  // 9 stored entries, 4 of them off-diagonal: 13 after expansion.
  EXPECT_EQ(comm.sum(static_cast<long long>(rows.cols.size())), 13);
}

TEST(MatrixMarket, PatternAndIntegerFields) {
  Comm comm;
  TempDir dir(comm);
  const std::vector<Triplet> pattern = {{1, 2, 0}, {2, 1, 0}, {3, 3, 0}, {2, 2, 0}};
  const std::string p = dir.file("pattern.mtx");
  const Dense ones = write_file(comm, p, "%%MatrixMarket matrix coordinate pattern general", 3, 3,
                                pattern, true, false);
  EXPECT_EQ(ones[0][1], 1.0);
  expect_rows_match(comm, read_matrix_market(comm, p), ones);
  const std::vector<Triplet> integer = {{1, 1, 3}, {2, 1, -7}, {3, 2, 12}};
  const std::string q = dir.file("int.mtx");
  const Dense dense = write_file(comm, q, "%%MatrixMarket Matrix Coordinate INTEGER Symmetric", 3,
                                 3, integer, false, true);
  expect_rows_match(comm, read_matrix_market(comm, q), dense);
}

struct BadCase {
  const char* name;
  const char* content;
  std::vector<std::string> expected;  // ":<line>: reason" parts
};

class MatrixMarketBadFile : public ::testing::TestWithParam<BadCase> {};

TEST_P(MatrixMarketBadFile, EveryRankThrowsTheFileLineMessage) {
  Comm comm;
  TempDir dir(comm);
  const BadCase& c = GetParam();
  const std::string path = dir.file(std::string(c.name) + ".mtx");
  testing::write_text_on_root(comm, path, c.content);
  std::vector<std::string> parts = c.expected;
  parts.front() = path + parts.front();  // "<path>:<line>: ..."
  expect_throw_on_every_rank<InputError>(comm, [&] { read_matrix_market(comm, path); }, parts);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MatrixMarketBadFile,
    ::testing::Values(
        BadCase{"empty", "", {":1: ", "empty file"}},
        BadCase{"no_banner", "3 3 1\n1 1 1\n", {":1: ", "missing the %%MatrixMarket banner"}},
        BadCase{"long_first_line", "%%MatrixMarkets xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
                {":1: ", "missing the %%MatrixMarket banner", "xxx...')"}},
        BadCase{"short_banner", "%%MatrixMarket matrix coordinate real\n3 3 0\n",
                {":1: ", "malformed banner"}},
        BadCase{"array", "%%MatrixMarket matrix array real general\n3 3\n",
                {":1: ", "unsupported format 'array'"}},
        BadCase{"complex", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n",
                {":1: ", "unsupported field 'complex'"}},
        BadCase{"hermitian", "%%MatrixMarket matrix coordinate real hermitian\n1 1 0\n",
                {":1: ", "unsupported symmetry 'hermitian'"}},
        BadCase{"skew", "%%MatrixMarket matrix coordinate real skew-symmetric\n1 1 0\n",
                {":1: ", "unsupported symmetry 'skew-symmetric'"}},
        BadCase{"vector", "%%MatrixMarket vector coordinate real general\n1 1 0\n",
                {":1: ", "unsupported object 'vector'"}},
        BadCase{"no_size", "%%MatrixMarket matrix coordinate real general\n% only comments\n",
                {":3: ", "missing the size line"}},
        BadCase{"bad_size", "%%MatrixMarket matrix coordinate real general\n% c\n3 3\n",
                {":3: ", "malformed size line '3 3'"}},
        BadCase{"negative_size", "%%MatrixMarket matrix coordinate real general\n3 -3 1\n",
                {":2: ", "malformed size line"}},
        BadCase{"nonsquare_sym", "%%MatrixMarket matrix coordinate real symmetric\n3 4 0\n",
                {":2: ", "must be square", "3 x 4"}},
        BadCase{"too_few", "%%MatrixMarket matrix coordinate real general\n3 3 3\n1 1 1\n2 2 2\n",
                {":4: ", "too few entries", "declares 3 entries, the file has 2"}},
        BadCase{"too_many",
                "%%MatrixMarket matrix coordinate real general\n3 3 2\n1 1 1\n2 2 2\n3 3 3\n"
                "\n1 2 4\n",
                {":5: ", "too many entries", "declares 2 entries, the file has 4"}},
        BadCase{"row_range", "%%MatrixMarket matrix coordinate real general\n3 3 1\n4 1 1.0\n",
                {":3: ", "row index 4 out of range 1..3"}},
        BadCase{"col_zero", "%%MatrixMarket matrix coordinate real general\n3 3 2\n1 1 1\n2 0 1\n",
                {":4: ", "column index 0 out of range 1..3"}},
        BadCase{"index_text", "%%MatrixMarket matrix coordinate real general\n3 3 1\nx 1 1.0\n",
                {":3: ", "row index 'x' is not an integer"}},
        BadCase{"non_numeric", "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 abc\n",
                {":3: ", "non-numeric value 'abc'"}},
        BadCase{"trailing_junk", "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 2.5x\n",
                {":3: ", "non-numeric value '2.5x'"}},
        BadCase{"nan", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 nan\n",
                {":4: ", "NaN value"}},
        BadCase{"inf", "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 -inf\n",
                {":3: ", "infinite value '-inf'"}},
        BadCase{"not_integer", "%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n",
                {":3: ", "non-numeric value '1.5' (the header says integer)"}},
        BadCase{"fields", "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n",
                {":3: ", "expected 3 fields", "found 2"}},
        BadCase{"pattern_fields", "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 5\n",
                {":3: ", "expected 2 fields"}},
        BadCase{"upper_sym", "%%MatrixMarket matrix coordinate real symmetric\n3 3 2\n1 1 1\n1 3 2\n",
                {":4: ", "entry (1, 3) is above the diagonal"}}),
    [](const ::testing::TestParamInfo<BadCase>& param_info) { return std::string(param_info.param.name); });

TEST(MatrixMarket, MissingFileThrowsOnEveryRank) {
  Comm comm;
  TempDir dir(comm);
  const std::string path = dir.file("absent.mtx");
  expect_throw_on_every_rank<InputError>(
      comm, [&] { read_matrix_market(comm, path); }, {path + ": cannot open"});
}

}  // namespace
}  // namespace las::io
