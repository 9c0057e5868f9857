// SPDX-License-Identifier: BSD-3-Clause
// OT solutions written to HDF5 and read back (plan vs r and c, potentials vs costs, both
// recomputed here from the cost matrix the test holds), and OT problems read from HDF5 /
// CSV: the same solution as the in-memory problem, and bad files rejected with an
// InputError naming file and dataset on every rank.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "ot_test_util.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/csr_io.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/io/vector_io.hpp"
#include "solvers/ot/ot_input.hpp"
#include "solvers/ot/ot_output.hpp"
#include "solvers/ot/ot_solve.hpp"

namespace las {
namespace {

// A file name private to this test and rank count (ctest may run np1 and np2 together).
std::string temp_name(const Comm& comm, const std::string& stem, const std::string& ext) {
  return "ot_io_" + stem + "_np" + std::to_string(comm.size()) + ext;
}

// The 1-entry dataset `name`, read on this rank alone.
double read_scalar(const std::string& file, const std::string& name) {
  const Comm self(MPI_COMM_SELF);
  DistVector v = io::read_vector(self, file, name, 1, 0);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  return h(0);
}

std::vector<double> read_whole(const std::string& file, const std::string& name, long long n) {
  const Comm self(MPI_COMM_SELF);
  DistVector v = io::read_vector(self, file, name, n, 0);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), v.view());
  return std::vector<double>(h.data(), h.data() + n);
}

struct Case {
  size_t m = 24, n = 30;
  double eta = 40, tol = 1e-11;
  std::vector<double> r, c, cost;
  Case() {
    cost = test::uniform_costs(m, n, 7);
    // Non-uniform weights of equal mass 1.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0.5, 1.5);
    double sr = 0, sc = 0;
    for (size_t i = 0; i < m; ++i) sr += r.emplace_back(u(rng));
    for (size_t j = 0; j < n; ++j) sc += c.emplace_back(u(rng));
    for (double& v : r) v /= sr;
    for (double& v : c) v /= sc;
  }
};

// Writes a solution with plan_threshold `threshold`, reads everything back on each rank
// alone, and checks it against the plan recomputed here from the full cost matrix.
void check_round_trip(const Comm& comm, const Case& k, const ot::OtProblem& problem,
                      const ot::OtResult& res, double threshold) {
  const std::string file = temp_name(comm, res.report.method + "_" + std::to_string(threshold > 0), ".h5");
  {
    io::OutputFile out(comm, file, "test: true\n");
    ot::write_weights(out, problem);
    ot::write_result(out, res.report.method, problem, k.eta, res, threshold);
    out.commit();
  }
  const std::string g = res.report.method + "/";
  const long long m = static_cast<long long>(k.m), n = static_cast<long long>(k.n);
  const std::vector<double> x = read_whole(file, g + "x", m), y = read_whole(file, g + "y", n);
  // The plan from the potentials and the test's own cost: the independent truth.
  std::vector<double> plan(k.m * k.n);
  double transport = 0, plogp = 0, dropped = 0, err = 0;
  long long above = 0;
  std::vector<double> colsum(k.n, 0.0);
  for (size_t i = 0; i < k.m; ++i) {
    double rowsum = 0;
    for (size_t j = 0; j < k.n; ++j) {
      const double p = std::exp(k.eta * (x[i] + y[j] - k.cost[i * k.n + j]) - 1.0);
      plan[i * k.n + j] = p;
      rowsum += p;
      colsum[j] += p;
      transport += p * k.cost[i * k.n + j];
      plogp += p * std::log(p);
      if (p >= threshold) ++above; else dropped += p;
    }
    err += std::abs(rowsum - k.r[i]);
  }
  for (size_t j = 0; j < k.n; ++j) err += std::abs(colsum[j] - k.c[j]);
  // The potentials reproduce the stored costs and reach the solver's tolerance.
  EXPECT_NEAR(read_scalar(file, g + "transport_cost"), transport, 1e-12 * std::abs(transport));
  EXPECT_NEAR(read_scalar(file, g + "entropic_cost"), transport + plogp / k.eta,
              1e-11 * std::abs(transport));
  EXPECT_LE(err, k.tol * 1.01 + 1e-15);
  EXPECT_NEAR(read_scalar(file, g + "marginal_error"), err, 1e-14);
  EXPECT_NEAR(read_scalar(file, g + "row_error") + read_scalar(file, g + "col_error"), err, 1e-14);
  EXPECT_NEAR(read_scalar(file, g + "plan_dropped_mass"), dropped, 1e-13 + 1e-12 * dropped);
  EXPECT_EQ(read_scalar(file, g + "plan_threshold"), threshold);
  EXPECT_EQ(read_whole(file, "r", m), k.r);

  // The sparse plan, read by this rank alone: exactly the entries >= threshold, and its
  // marginals within tol + the dropped mass (each dropped entry misses one row and one
  // column sum) of r and c.
  const CsrRows csr = io::read_csr(Comm(MPI_COMM_SELF), file, g + "plan");
  ASSERT_EQ(csr.global_rows, m);
  ASSERT_EQ(csr.global_cols, n);
  ASSERT_EQ(static_cast<long long>(csr.values.size()), above);
  std::vector<double> csr_col(k.n, 0.0);
  double csr_err = 0;
  for (size_t i = 0; i < k.m; ++i) {
    double s = 0;
    for (size_t e = csr.row_ptr[i]; e < csr.row_ptr[i + 1]; ++e) {
      const size_t j = static_cast<size_t>(csr.cols[e]);
      EXPECT_NEAR(csr.values[e], plan[i * k.n + j], 1e-13 * plan[i * k.n + j]);
      EXPECT_GE(csr.values[e], threshold);
      s += csr.values[e];
      csr_col[j] += csr.values[e];
    }
    csr_err += std::abs(s - k.r[i]);
  }
  for (size_t j = 0; j < k.n; ++j) csr_err += std::abs(csr_col[j] - k.c[j]);
  EXPECT_LE(csr_err, k.tol * 1.01 + 2 * dropped + 1e-15);
  if (threshold > 0) {
    EXPECT_GT(dropped, 0.0) << "threshold drops nothing: the test is vacuous";
    EXPECT_GE(csr_err, 2 * dropped - k.tol * 1.01 - 1e-15);
  }
  const std::vector<double> hist = read_whole(file, g + "history/marginal_error",
                                              static_cast<long long>(res.report.residual_history.size()));
  EXPECT_EQ(hist, res.report.residual_history);
  comm.barrier();
  if (comm.is_root()) std::remove(file.c_str());
}

TEST(OtOutput, PlanAndPotentialsReadBackMatchMarginalsAndCosts) {
  Comm comm;
  const Case k;
  const ot::OtProblem problem = test::dense_problem(comm, k.r, k.c, k.cost);
  ot::OtOptions o;
  o.eta = k.eta;
  o.tol = k.tol;
  for (const ot::OtResult& res : {ot::solve_sns(problem, o), ot::solve_sinkhorn(problem, o)}) {
    ASSERT_TRUE(res.report.converged()) << res.report.method;
    check_round_trip(comm, k, problem, res, 0.0);
    check_round_trip(comm, k, problem, res, 1e-4);
  }
}

// ---- inputs -------------------------------------------------------------------------

// Rank 0 writes an HDF5 file of float64 datasets {name, shape, values} (serial HDF5).
struct Dataset {
  std::string name;
  std::vector<hsize_t> shape;
  std::vector<double> values;
};
void write_h5(const Comm& comm, const std::string& file, const std::vector<Dataset>& sets) {
  if (comm.is_root()) {
    const hid_t f = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    for (const auto& s : sets) {
      const hid_t space = H5Screate_simple(static_cast<int>(s.shape.size()), s.shape.data(), nullptr);
      const hid_t d = H5Dcreate2(f, s.name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT,
                                 H5P_DEFAULT);
      H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.values.data());
      H5Dclose(d);
      H5Sclose(space);
    }
    H5Fclose(f);
  }
  comm.barrier();
}

void write_csv(const Comm& comm, const std::string& file, const std::vector<double>& w,
               const std::vector<double>& pts, size_t d) {
  if (comm.is_root()) {
    std::ofstream out(file);
    out << "weight,x,y\n";
    out.precision(17);
    for (size_t i = 0; i < w.size(); ++i) {
      out << w[i];
      for (size_t k = 0; k < d; ++k) out << "," << pts[i * d + k];
      out << "\n";
    }
  }
  comm.barrier();
}

std::vector<double> random_points(size_t count, size_t d, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> p(count * d);
  for (double& v : p) v = u(rng);
  return p;
}

template <class F>
void expect_input_error(F make, const std::vector<std::string>& needles) {
  try {
    make();
    ADD_FAILURE() << "no error; expected one mentioning '" << needles.front() << "'";
  } catch (const InputError& e) {
    for (const auto& needle : needles)
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

ot::OtOptions input_options() {
  ot::OtOptions o;
  o.eta = 30;
  o.tol = 1e-11;
  return o;
}

TEST(OtInputFiles, DenseCostFromHdf5SolvesLikeTheInMemoryProblem) {
  Comm comm;
  const Case k;
  const std::string file = temp_name(comm, "dense_in", ".h5");
  write_h5(comm, file, {{"r", {k.m}, k.r}, {"c", {k.n}, k.c}, {"C", {k.m, k.n}, k.cost}});
  const ot::OtProblem read = ot::read_hdf5_problem(comm, file, ot::OtCost::L1);
  const ot::OtProblem mem = test::dense_problem(comm, k.r, k.c, k.cost);
  EXPECT_EQ(read.rows(), static_cast<long long>(k.m));
  EXPECT_EQ(read.cols(), static_cast<long long>(k.n));
  EXPECT_FALSE(read.has_points());
  const ot::OtResult a = ot::solve_sinkhorn(read, input_options());
  const ot::OtResult b = ot::solve_sinkhorn(mem, input_options());
  EXPECT_EQ(a.report.iterations, b.report.iterations);
  EXPECT_EQ(a.transport_cost, b.transport_cost);
  // Without r and c the weights are uniform.
  const std::string bare = temp_name(comm, "dense_bare", ".h5");
  write_h5(comm, bare, {{"C", {k.m, k.n}, k.cost}});
  const ot::OtProblem u = ot::read_hdf5_problem(comm, bare, ot::OtCost::L1);
  EXPECT_NEAR(u.mass(), 1.0, 1e-15);
  EXPECT_NEAR(u.min_weight(), 1.0 / double(k.n), 1e-16);  // c is rescaled to Σr
  EXPECT_NEAR(u.max_weight(), 1.0 / double(k.m), 1e-16);
  comm.barrier();
  if (comm.is_root()) std::remove(file.c_str()), std::remove(bare.c_str());
}

TEST(OtInputFiles, PointsFromHdf5AndCsvMatchTheInMemoryProblem) {
  Comm comm;
  const Case k;
  const size_t d = 2;
  const std::vector<double> xp = random_points(k.m, d, 11), yp = random_points(k.n, d, 12);
  long long local = 0, offset = 0;
  block_rows(static_cast<long long>(k.m), comm, local, offset);
  const std::vector<double> mine(xp.begin() + offset * d, xp.begin() + (offset + local) * d);
  const ot::OtProblem mem = ot::OtProblem::points(comm, k.r, k.c, mine, yp, 2, ot::OtCost::Euclidean);
  const ot::OtResult want = ot::solve_sns(mem, input_options());
  ASSERT_TRUE(want.report.converged());

  const std::string file = temp_name(comm, "points_in", ".h5");
  write_h5(comm, file, {{"r", {k.m}, k.r}, {"c", {k.n}, k.c}, {"x_points", {k.m, d}, xp},
                        {"y_points", {k.n, d}, yp}});
  const ot::OtProblem h5 = ot::read_hdf5_problem(comm, file, ot::OtCost::Euclidean);
  EXPECT_TRUE(h5.has_points());
  const ot::OtResult got = ot::solve_sns(h5, input_options());
  EXPECT_EQ(got.report.iterations, want.report.iterations);
  EXPECT_EQ(got.transport_cost, want.transport_cost);

  const std::string rows = temp_name(comm, "rows", ".csv"), cols = temp_name(comm, "cols", ".csv");
  write_csv(comm, rows, k.r, xp, d);
  write_csv(comm, cols, k.c, yp, d);
  const ot::OtProblem csv = ot::read_csv_problem(comm, rows, cols, ot::OtCost::Euclidean);
  const ot::OtResult from_csv = ot::solve_sns(csv, input_options());
  EXPECT_EQ(from_csv.report.iterations, want.report.iterations);
  // Printed with 17 digits: the same doubles.
  EXPECT_EQ(from_csv.transport_cost, want.transport_cost);
  comm.barrier();
  if (comm.is_root()) std::remove(file.c_str()), std::remove(rows.c_str()), std::remove(cols.c_str());
}

TEST(OtInputFiles, BadFilesNameFileAndDataset) {
  Comm comm;
  const Case k;
  const std::string f = temp_name(comm, "bad", ".h5");
  auto dense = [&] { return [&] { (void)ot::read_hdf5_problem(comm, f, ot::OtCost::L1); }; };
  const double nan = std::numeric_limits<double>::quiet_NaN();

  std::vector<double> neg = k.r;
  neg[2] = -0.01;
  write_h5(comm, f, {{"r", {k.m}, neg}, {"c", {k.n}, k.c}, {"C", {k.m, k.n}, k.cost}});
  expect_input_error(dense(), {f + ":/r", "r[2] = -0.01"});

  std::vector<double> nan_c = k.c;
  nan_c[4] = nan;
  write_h5(comm, f, {{"r", {k.m}, k.r}, {"c", {k.n}, nan_c}, {"C", {k.m, k.n}, k.cost}});
  expect_input_error(dense(), {f + ":/c", "c[4] = nan"});

  std::vector<double> heavy = k.c;
  heavy[0] += 0.5;
  write_h5(comm, f, {{"r", {k.m}, k.r}, {"c", {k.n}, heavy}, {"C", {k.m, k.n}, k.cost}});
  expect_input_error(dense(), {f + ":/r and " + f + ":/c", "different masses"});

  // A NaN cost in the last row: only the last rank reads it; every rank must throw.
  std::vector<double> nan_cost = k.cost;
  nan_cost[(k.m - 1) * k.n + 3] = nan;
  write_h5(comm, f, {{"r", {k.m}, k.r}, {"c", {k.n}, k.c}, {"C", {k.m, k.n}, nan_cost}});
  expect_input_error(dense(), {f + ":/C", "C(23, 3) = nan"});

  write_h5(comm, f, {{"r", {k.m - 1}, std::vector<double>(k.m - 1, 1.0 / double(k.m - 1))},
                     {"c", {k.n}, k.c}, {"C", {k.m, k.n}, k.cost}});
  expect_input_error(dense(), {f + ":/r", "shape [23]", "expected [24]"});

  write_h5(comm, f, {{"C", {k.m * k.n}, k.cost}});
  expect_input_error(dense(), {f + ":/C", "expected a 2D dataset"});

  write_h5(comm, f, {{"x_points", {k.m, 2}, random_points(k.m, 2, 1)},
                     {"y_points", {k.n, 3}, random_points(k.n, 3, 2)}});
  expect_input_error(dense(), {f, "x_points [24][2]", "y_points [30][3]", "different dimensions"});

  std::vector<double> nan_pts = random_points(k.n, 2, 2);
  nan_pts[7] = nan;
  write_h5(comm, f, {{"x_points", {k.m, 2}, random_points(k.m, 2, 1)}, {"y_points", {k.n, 2}, nan_pts}});
  expect_input_error(dense(), {f + ":/y_points", "y_points(3, 1) = nan"});

  write_h5(comm, f, {{"r", {k.m}, k.r}});
  expect_input_error(dense(), {f, "no cost"});

  const std::string missing = temp_name(comm, "missing", ".h5");
  expect_input_error([&] { (void)ot::read_hdf5_problem(comm, missing, ot::OtCost::L1); }, {missing});

  // CSV: the line at fault.
  const std::string rows = temp_name(comm, "bad_rows", ".csv"), cols = temp_name(comm, "bad_cols", ".csv");
  const std::vector<double> xp = random_points(k.m, 2, 11), yp = random_points(k.n, 2, 12);
  write_csv(comm, cols, k.c, yp, 2);
  auto csv = [&] { return [&] { (void)ot::read_csv_problem(comm, rows, cols, ot::OtCost::L1); }; };
  write_csv(comm, rows, neg, xp, 2);
  expect_input_error(csv(), {rows + ":4", "weight of point 2 = -0.01"});
  std::vector<double> nan_x = xp;
  nan_x[5] = nan;
  write_csv(comm, rows, k.r, nan_x, 2);
  expect_input_error(csv(), {rows + ":4", "coordinate 2 = nan"});
  std::vector<double> heavy_r = k.r;
  heavy_r[1] *= 3;
  write_csv(comm, rows, heavy_r, xp, 2);
  expect_input_error(csv(), {rows + " and " + cols, "different masses"});
  write_csv(comm, rows, std::vector<double>(k.m, 1.0 / double(k.m)), random_points(k.m, 3, 1), 3);
  expect_input_error(csv(), {rows, cols, "3-dimensional"});
  if (comm.is_root()) std::ofstream(rows) << "0.5,1,2\n0.5,1,oops\n";
  comm.barrier();
  expect_input_error(csv(), {rows + ":2", "field 3 'oops' is not a number"});
  comm.barrier();
  if (comm.is_root()) std::remove(f.c_str()), std::remove(rows.c_str()), std::remove(cols.c_str());
}

}  // namespace
}  // namespace las
