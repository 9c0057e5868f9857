// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/io/csr_io.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"
#include "solvers/io/detail/range_io.hpp"

namespace las::io {

namespace {

using detail::ErrorKind;
using detail::H5Handle;
using detail::open_vector;
using detail::read_range;
using detail::write_range;

}  // namespace

void write_csr(OutputFile& out, const std::string& group, const CsrRows& local) {
  const Comm& comm = out.comm();
  const std::string where = detail::describe(out.path(), group);
  const long long rows = local.local_rows();
  const long long nnz = static_cast<long long>(local.cols.size());

  // The pieces must form one matrix: consecutive rows in rank order, same sizes.
  std::string problem;
  if (rows < 0 || local.row_ptr.empty() || local.row_ptr.front() != 0) {
    problem = "row_ptr must start at 0";
  } else if (static_cast<long long>(local.row_ptr.back()) != nnz ||
             local.values.size() != local.cols.size()) {
    problem = "row_ptr's last entry, cols and values sizes disagree";
  }
  const long long expected_offset = comm.exclusive_prefix_sum(rows);
  const long long total_rows = comm.sum(rows);
  if (problem.empty() && local.row_offset != expected_offset) {
    problem = "row_offset " + std::to_string(local.row_offset) + " is not the rows of lower ranks (" +
              std::to_string(expected_offset) + ")";
  }
  if (problem.empty() && total_rows != local.global_rows) {
    problem = "global_rows " + std::to_string(local.global_rows) + " is not the sum of the rows (" +
              std::to_string(total_rows) + ")";
  }
  if (problem.empty() && (comm.min(local.global_cols) != comm.max(local.global_cols) ||
                          local.global_cols < 0)) {
    problem = "global_cols differs between ranks";
  }
  detail::throw_if_any(comm, !problem.empty(), where + ": write_csr: " + problem,
                       ErrorKind::general);

  const hid_t h5 = out.hdf5_id();
  const std::string path = detail::absolute_object_path(group);
  detail::throw_if_any(comm, detail::path_exists(h5, path), where + ": group exists already",
                       ErrorKind::general);

  const long long nnz_offset = comm.exclusive_prefix_sum(nnz);
  const long long total_nnz = comm.sum(nnz);
  // Global row offsets of this rank's rows; the last rank adds the final entry.
  const bool last = comm.rank() == comm.size() - 1;
  std::vector<long long> row_ptr(static_cast<size_t>(rows + (last ? 1 : 0)));
  for (size_t i = 0; i < row_ptr.size(); ++i) {
    row_ptr[i] = nnz_offset + static_cast<long long>(local.row_ptr[i]);
  }

  bool ok = false;
  {
    detail::H5ErrorSilencer quiet;
    H5Handle g = detail::create_group(h5, path);
    ok = g.valid() && detail::write_int64_attribute(g.get(), "global_rows", local.global_rows) &&
         detail::write_int64_attribute(g.get(), "global_cols", local.global_cols);
    if (!comm.any(!ok)) {
      ok = write_range(comm, g.get(), "row_ptr", H5T_STD_I64LE, H5T_NATIVE_LLONG,
                       local.global_rows + 1, local.row_offset, row_ptr);
      ok = !comm.any(!ok) && write_range(comm, g.get(), "col_idx", H5T_STD_I64LE,
                                         H5T_NATIVE_LLONG, total_nnz, nnz_offset, local.cols);
      ok = !comm.any(!ok) && write_range(comm, g.get(), "values", H5T_IEEE_F64LE,
                                         H5T_NATIVE_DOUBLE, total_nnz, nnz_offset, local.values);
    }
  }
  detail::throw_if_any(comm, !ok, where + ": writing the matrix failed", ErrorKind::general);
}

CsrRows read_csr(const Comm& comm, const std::string& file, const std::string& group) {
  const std::string where = detail::describe(file, group);
  H5Handle h5 = detail::open_for_read(comm, file);
  const std::string path = detail::absolute_object_path(group);
  H5Handle g = detail::open_group(comm, h5.get(), path, where);

  CsrRows result;
  bool has_rows = detail::read_int64_attribute(g.get(), "global_rows", result.global_rows);
  detail::throw_if_any(comm, !has_rows, where + ": missing int64 attribute 'global_rows'");
  bool has_cols = detail::read_int64_attribute(g.get(), "global_cols", result.global_cols);
  detail::throw_if_any(comm, !has_cols, where + ": missing int64 attribute 'global_cols'");
  detail::throw_if_any(comm, result.global_rows < 0 || result.global_cols < 0,
                       where + ": negative global_rows or global_cols");

  long long n_row_ptr = 0, n_cols = 0, n_values = 0;
  H5Handle row_ptr_set = open_vector(comm, g.get(), where, "row_ptr", n_row_ptr);
  H5Handle col_set = open_vector(comm, g.get(), where, "col_idx", n_cols);
  H5Handle value_set = open_vector(comm, g.get(), where, "values", n_values);
  detail::throw_if_any(comm, n_row_ptr != result.global_rows + 1,
                       where + "/row_ptr: expected global_rows + 1 = " +
                           std::to_string(result.global_rows + 1) + " entries, found " +
                           std::to_string(n_row_ptr));
  detail::throw_if_any(comm, n_cols != n_values,
                       where + ": col_idx has " + std::to_string(n_cols) + " entries but values has " +
                           std::to_string(n_values));

  long long rows = 0;
  block_rows(result.global_rows, comm, rows, result.row_offset);
  std::vector<long long> row_ptr;
  bool ok = read_range(comm, row_ptr_set.get(), H5T_NATIVE_LLONG, result.row_offset, rows + 1, row_ptr);
  detail::throw_if_any(comm, !ok, where + "/row_ptr: reading failed");

  // Global consistency of this rank's slice of row_ptr (first failure in row order).
  std::string problem;
  long long bad_row = 0;
  if (result.row_offset == 0 && row_ptr.front() != 0) {
    problem = where + "/row_ptr: first entry is " + std::to_string(row_ptr.front()) + ", not 0";
  }
  for (long long i = 0; problem.empty() && i < rows; ++i) {
    if (row_ptr[static_cast<size_t>(i + 1)] < row_ptr[static_cast<size_t>(i)]) {
      bad_row = result.row_offset + i;
      problem = where + "/row_ptr: decreases at row " + std::to_string(bad_row);
    }
  }
  if (problem.empty() && result.row_offset + rows == result.global_rows &&
      row_ptr.back() != n_cols) {
    bad_row = result.global_rows;
    problem = where + "/row_ptr: last entry " + std::to_string(row_ptr.back()) +
              " disagrees with the " + std::to_string(n_cols) + " entries of col_idx and values";
  }
  detail::throw_if_any(comm, !problem.empty(), problem, ErrorKind::input, bad_row);

  const long long first = row_ptr.front();
  const long long count = row_ptr.back() - first;
  ok = first >= 0 && row_ptr.back() <= n_cols;
  detail::throw_if_any(comm, !ok, where + "/row_ptr: entries outside [0, " + std::to_string(n_cols) + "]");
  ok = read_range(comm, col_set.get(), H5T_NATIVE_LLONG, first, count, result.cols);
  ok = read_range(comm, value_set.get(), H5T_NATIVE_DOUBLE, first, count, result.values) && ok;
  detail::throw_if_any(comm, !ok, where + ": reading col_idx/values failed");

  result.row_ptr.assign(static_cast<size_t>(rows + 1), 0);
  for (long long i = 0; i <= rows; ++i) {
    result.row_ptr[static_cast<size_t>(i)] = static_cast<size_t>(row_ptr[static_cast<size_t>(i)] - first);
  }
  problem.clear();
  for (long long i = 0; problem.empty() && i < rows; ++i) {
    for (size_t e = result.row_ptr[static_cast<size_t>(i)];
         problem.empty() && e < result.row_ptr[static_cast<size_t>(i + 1)]; ++e) {
      std::ostringstream os;
      if (result.cols[e] < 0 || result.cols[e] >= result.global_cols) {
        os << where << "/col_idx: column " << result.cols[e] << " of row " << result.row_offset + i
           << " is outside [0, " << result.global_cols << ")";
      } else if (!std::isfinite(result.values[e])) {
        os << where << "/values: non-finite value in row " << result.row_offset + i << ", column "
           << result.cols[e];
      }
      problem = os.str();
      bad_row = result.row_offset + i;
    }
  }
  detail::throw_if_any(comm, !problem.empty(), problem, ErrorKind::input, bad_row);
  return result;
}

}  // namespace las::io
