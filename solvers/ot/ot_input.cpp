// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/ot_input.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/detail/agree.hpp"
#include "solvers/io/detail/hdf5_util.hpp"

namespace las::ot {
namespace {

using io::detail::H5ErrorSilencer;
using io::detail::H5Handle;
using io::detail::throw_if_any;

std::string number(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

// Opens dataset `name` (which must exist) and returns it with its shape.
H5Handle open_dataset(const Comm& comm, hid_t file, const std::string& where, const std::string& name,
                      std::vector<hsize_t>& shape) {
  H5ErrorSilencer quiet;
  H5Handle d(H5Dopen2(file, ("/" + name).c_str(), H5P_DEFAULT), H5Dclose);
  throw_if_any(comm, !d.valid(), where + ": not a dataset");
  shape = io::detail::dataset_shape(d.get());
  throw_if_any(comm, shape.empty(), where + ": not a simple dataset");
  return d;
}

// Every rank reads the whole dataset (independent I/O: weights and column points).
std::vector<double> read_all(const Comm& comm, hid_t dset, const std::vector<hsize_t>& shape,
                             const std::string& where) {
  size_t count = 1;
  for (hsize_t s : shape) count *= static_cast<size_t>(s);
  std::vector<double> data(count);
  H5ErrorSilencer quiet;
  double dummy = 0;
  const bool ok = H5Dread(dset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                          count > 0 ? data.data() : &dummy) >= 0;
  throw_if_any(comm, !ok, where + ": reading failed (not a number type?)");
  return data;
}

// Rows [offset, offset + local) of a 2D dataset of `cols` columns (collective).
std::vector<double> read_rows(const Comm& comm, hid_t dset, long long offset, long long local,
                              hsize_t cols, const std::string& where) {
  std::vector<double> data(static_cast<size_t>(local) * cols);
  H5ErrorSilencer quiet;
  H5Handle file_space(H5Dget_space(dset), H5Sclose);
  const hsize_t mem_extent = std::max<hsize_t>(1, static_cast<hsize_t>(local) * cols);
  H5Handle mem_space(H5Screate_simple(1, &mem_extent, nullptr), H5Sclose);
  H5Handle dxpl = io::detail::make_collective_transfer();
  bool ok = file_space.valid() && mem_space.valid() && dxpl.valid();
  if (ok && (local == 0 || cols == 0)) {
    ok = H5Sselect_none(file_space.get()) >= 0 && H5Sselect_none(mem_space.get()) >= 0;
  } else if (ok) {
    const hsize_t start[2] = {static_cast<hsize_t>(offset), 0};
    const hsize_t count[2] = {static_cast<hsize_t>(local), cols};
    ok = H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) >= 0;
  }
  throw_if_any(comm, !ok, where + ": selecting this rank's rows failed");
  double dummy = 0;
  ok = H5Dread(dset, H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), dxpl.get(),
               data.empty() ? &dummy : data.data()) >= 0;
  throw_if_any(comm, !ok, where + ": reading failed (not a number type?)");
  return data;
}

// "" when all weights are positive and finite; else names the first bad one.
std::string check_weights(const std::vector<double>& w, const std::string& where, const char* name) {
  for (size_t i = 0; i < w.size(); ++i)
    if (!std::isfinite(w[i]) || !(w[i] > 0))
      return where + ": weight " + name + "[" + std::to_string(i) + "] = " + number(w[i]) +
             " is not a positive finite number";
  return "";
}

// Both weight vectors: finite, positive, the same mass (same test as OtProblem's).
void check_weight_pair(const Comm& comm, const std::vector<double>& r, const std::string& r_where,
                       const std::vector<double>& c, const std::string& c_where) {
  std::string err = check_weights(r, r_where, "r");
  if (err.empty()) err = check_weights(c, c_where, "c");
  double sr = 0, sc = 0;
  for (double v : r) sr += v;
  for (double v : c) sc += v;
  if (err.empty() && std::abs(sr - sc) > OtProblem::kMassTolerance * sr)
    err = r_where + " and " + c_where + ": different masses, sum r = " + number(sr) +
          ", sum c = " + number(sc);
  throw_if_any(comm, !err.empty(), err);
}

// The first non-finite entry of a row-major block, as " (i, j) = v"; "" if none.
std::string first_nonfinite(const std::vector<double>& v, size_t row_length, long long row_offset,
                            long long& key) {
  for (size_t e = 0; e < v.size(); ++e)
    if (!std::isfinite(v[e])) {
      key = row_offset * static_cast<long long>(row_length) + static_cast<long long>(e);
      return "(" + std::to_string(row_offset + static_cast<long long>(e / row_length)) + ", " +
             std::to_string(e % row_length) + ") = " + number(v[e]) + " is not finite";
    }
  return "";
}

// Runs make() and prefixes any InputError with `prefix` (all ranks throw the same).
template <class F>
OtProblem prefixed(const std::string& prefix, F make) {
  try {
    return make();
  } catch (const InputError& e) {
    throw InputError(prefix + ": " + e.what());
  }
}

}  // namespace

OtProblem read_hdf5_problem(const Comm& comm, const std::string& file, OtCost metric) {
  H5Handle h5 = io::detail::open_for_read(comm, file);
  auto where = [&](const std::string& name) { return io::detail::describe(file, name); };
  auto exists = [&](const std::string& name) {
    return !comm.any(!io::detail::path_exists(h5.get(), "/" + name));
  };
  const bool dense = exists("C");
  const bool points = exists("x_points") && exists("y_points");
  throw_if_any(comm, !dense && !points,
               file + ": no cost: expected dataset C [m][n], or x_points [m][d] and y_points [n][d]");

  // Shapes first, so a size mismatch names both datasets before anything is read.
  std::vector<hsize_t> c_shape, xp_shape, yp_shape, r_shape, w_shape;
  H5Handle cost, xp, yp;
  long long m = 0, n = 0;
  if (dense) {
    cost = open_dataset(comm, h5.get(), where("C"), "C", c_shape);
    throw_if_any(comm, c_shape.size() != 2,
                 where("C") + ": expected a 2D dataset [m][n], found shape " +
                     io::detail::format_shape(c_shape));
    m = static_cast<long long>(c_shape[0]);
    n = static_cast<long long>(c_shape[1]);
  } else {
    xp = open_dataset(comm, h5.get(), where("x_points"), "x_points", xp_shape);
    yp = open_dataset(comm, h5.get(), where("y_points"), "y_points", yp_shape);
    throw_if_any(comm, xp_shape.size() != 2,
                 where("x_points") + ": expected a 2D dataset [m][d], found shape " +
                     io::detail::format_shape(xp_shape));
    throw_if_any(comm, yp_shape.size() != 2,
                 where("y_points") + ": expected a 2D dataset [n][d], found shape " +
                     io::detail::format_shape(yp_shape));
    throw_if_any(comm, xp_shape[1] != yp_shape[1],
                 file + ": x_points " + io::detail::format_shape(xp_shape) + " and y_points " +
                     io::detail::format_shape(yp_shape) + " have different dimensions");
    m = static_cast<long long>(xp_shape[0]);
    n = static_cast<long long>(yp_shape[0]);
  }
  throw_if_any(comm, m == 0 || n == 0, file + ": the cost has no rows or no columns");
  const std::string cost_name = dense ? "C" : "x_points/y_points";
  auto weights = [&](const char* name, long long expected) {
    if (!exists(name)) return std::vector<double>(static_cast<size_t>(expected), 1.0 / double(expected));
    std::vector<hsize_t> shape;
    H5Handle d = open_dataset(comm, h5.get(), where(name), name, shape);
    throw_if_any(comm, shape.size() != 1 || static_cast<long long>(shape[0]) != expected,
                 where(name) + ": shape " + io::detail::format_shape(shape) + " does not match " +
                     cost_name + " (expected [" + std::to_string(expected) + "])");
    return read_all(comm, d.get(), shape, where(name));
  };
  const std::vector<double> r = weights("r", m);
  const std::vector<double> c = weights("c", n);
  check_weight_pair(comm, r, where("r"), c, where("c"));

  long long local = 0, offset = 0;
  block_rows(m, comm, local, offset);
  if (dense) {
    std::vector<double> block = read_rows(comm, cost.get(), offset, local, c_shape[1], where("C"));
    long long key = 0;
    const std::string bad = first_nonfinite(block, static_cast<size_t>(n), offset, key);
    throw_if_any(comm, !bad.empty(), where("C") + ": C" + bad, io::detail::ErrorKind::input, key);
    return prefixed(file, [&] { return OtProblem::dense(comm, r, c, block); });
  }
  const size_t d = static_cast<size_t>(xp_shape[1]);
  std::vector<double> rows = read_rows(comm, xp.get(), offset, local, xp_shape[1], where("x_points"));
  long long key = 0;
  std::string bad = first_nonfinite(rows, d, offset, key);
  throw_if_any(comm, !bad.empty(), where("x_points") + ": x_points" + bad,
               io::detail::ErrorKind::input, key);
  std::vector<double> cols = read_all(comm, yp.get(), yp_shape, where("y_points"));
  bad = first_nonfinite(cols, d, 0, key);
  throw_if_any(comm, !bad.empty(), where("y_points") + ": y_points" + bad);
  return prefixed(file, [&] {
    return OtProblem::points(comm, r, c, rows, cols, static_cast<int>(d), metric);
  });
}

namespace {

struct CsvPoints {
  std::vector<double> weights, coords;
  int dim = 0;
};

// Parses "w,x1,...,xd" lines; "" or the first error as "file:line N: ...".
std::string parse_csv(const std::string& file, CsvPoints& out) {
  std::ifstream in(file);
  if (!in) return file + ": cannot open the file";
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#')
      continue;
    std::vector<double> fields;
    std::stringstream ss(line);
    std::string field;
    bool numeric = true;
    while (std::getline(ss, field, ',')) {
      const char* s = field.c_str();
      char* end = nullptr;
      const double v = std::strtod(s, &end);
      while (end && (*end == ' ' || *end == '\t')) ++end;
      if (end == s || (end && *end != '\0')) {
        numeric = false;
        if (line_no == 1 && fields.empty()) break;  // a header
        return file + ":" + std::to_string(line_no) + ": field " + std::to_string(fields.size() + 1) +
               " '" + field + "' is not a number";
      }
      fields.push_back(v);
    }
    if (!numeric) continue;
    if (fields.size() < 2)
      return file + ":" + std::to_string(line_no) + ": expected weight,coord_1,...,coord_d, found " +
             std::to_string(fields.size()) + " field(s)";
    const int dim = static_cast<int>(fields.size()) - 1;
    if (out.dim == 0) out.dim = dim;
    if (dim != out.dim)
      return file + ":" + std::to_string(line_no) + ": " + std::to_string(dim) +
             " coordinates, earlier lines have " + std::to_string(out.dim);
    const size_t point = out.weights.size();
    if (!std::isfinite(fields[0]) || !(fields[0] > 0))
      return file + ":" + std::to_string(line_no) + ": weight of point " + std::to_string(point) +
             " = " + number(fields[0]) + " is not a positive finite number";
    for (int k = 1; k <= dim; ++k)
      if (!std::isfinite(fields[k]))
        return file + ":" + std::to_string(line_no) + ": coordinate " + std::to_string(k) + " = " +
               number(fields[k]) + " is not finite";
    out.weights.push_back(fields[0]);
    out.coords.insert(out.coords.end(), fields.begin() + 1, fields.end());
  }
  if (out.weights.empty()) return file + ": no points";
  return "";
}

void broadcast(const Comm& comm, std::vector<double>& v) {
  long long size = static_cast<long long>(v.size());
  MPI_Bcast(&size, 1, MPI_LONG_LONG, 0, comm.get());
  v.resize(static_cast<size_t>(size));
  if (size > 0) MPI_Bcast(v.data(), static_cast<int>(size), MPI_DOUBLE, 0, comm.get());
}

CsvPoints read_csv(const Comm& comm, const std::string& file) {
  CsvPoints p;
  std::string err;
  if (comm.is_root()) err = parse_csv(file, p);
  err = comm.broadcast(err);
  if (!err.empty()) throw InputError(err);
  broadcast(comm, p.weights);
  broadcast(comm, p.coords);
  MPI_Bcast(&p.dim, 1, MPI_INT, 0, comm.get());
  return p;
}

}  // namespace

OtProblem read_csv_problem(const Comm& comm, const std::string& row_file,
                           const std::string& col_file, OtCost metric) {
  const CsvPoints rows = read_csv(comm, row_file);
  const CsvPoints cols = read_csv(comm, col_file);
  if (rows.dim != cols.dim)
    throw InputError(row_file + " has " + std::to_string(rows.dim) + "-dimensional points, " +
                     col_file + " " + std::to_string(cols.dim) + "-dimensional");
  check_weight_pair(comm, rows.weights, row_file, cols.weights, col_file);
  long long local = 0, offset = 0;
  block_rows(static_cast<long long>(rows.weights.size()), comm, local, offset);
  const size_t d = static_cast<size_t>(rows.dim);
  const std::vector<double> mine(rows.coords.begin() + offset * d,
                                 rows.coords.begin() + (offset + local) * d);
  return prefixed(row_file + ", " + col_file, [&] {
    return OtProblem::points(comm, rows.weights, cols.weights, mine, cols.coords, rows.dim, metric);
  });
}

}  // namespace las::ot
