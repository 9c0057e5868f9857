// SPDX-License-Identifier: BSD-3-Clause
// Writes small OT input files for the app tests: write_ot_input KIND FILE, KIND one of
//   dense       r, c, C [12][10] (uniform costs, uniform weights)
//   nan_cost    the same with C(11, 4) = NaN (on the last rank's rows at 2 ranks)
//   negative    the same with r[3] < 0
//   mismatch    c has 9 entries against C's 10 columns
//   points      r, c, x_points [12][2], y_points [10][2]
#include <hdf5.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

void put(hid_t f, const char* name, std::vector<hsize_t> shape, const std::vector<double>& v) {
  const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
  const hid_t d = H5Dcreate2(f, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Dclose(d);
  H5Sclose(space);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: write_ot_input dense|nan_cost|negative|mismatch|points FILE\n");
    return 1;
  }
  const std::string kind = argv[1];
  const size_t m = 12, n = 10;
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> r(m, 1.0 / m), c(n, 1.0 / n), cost(m * n);
  for (double& v : cost) v = u(rng);
  if (kind == "nan_cost") cost[11 * n + 4] = std::numeric_limits<double>::quiet_NaN();
  if (kind == "negative") r[3] = -r[3];
  if (kind == "mismatch") c.assign(n - 1, 1.0 / (n - 1));
  const hid_t f = H5Fcreate(argv[2], H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (f < 0) return 1;
  put(f, "r", {r.size()}, r);
  put(f, "c", {c.size()}, c);
  if (kind == "points") {
    std::vector<double> xp(m * 2), yp(n * 2);
    for (double& v : xp) v = u(rng);
    for (double& v : yp) v = u(rng);
    put(f, "x_points", {m, 2}, xp);
    put(f, "y_points", {n, 2}, yp);
  } else {
    put(f, "C", {m, n}, cost);
  }
  return H5Fclose(f) < 0 ? 1 : 0;
}
