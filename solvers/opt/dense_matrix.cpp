// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/dense_matrix.hpp"

#include <algorithm>
#include <cmath>

#include "solvers/core/error.hpp"

namespace las::opt {

double dot(const Vector& a, const Vector& b) {
  LAS_CHECK(a.size() == b.size(), "dot: sizes " << a.size() << " and " << b.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

double norm2(const Vector& a) { return std::sqrt(dot(a, a)); }

void axpy(double alpha, const Vector& x, Vector& y) {
  LAS_CHECK(x.size() == y.size(), "axpy: sizes " << x.size() << " and " << y.size());
  for (std::size_t i = 0; i < x.size(); ++i) y[i] += alpha * x[i];
}

bool all_finite(const Vector& a) {
  return std::all_of(a.begin(), a.end(), [](double v) { return std::isfinite(v); });
}

Vector multiply(const DenseMatrix& a, const Vector& x) {
  LAS_CHECK(static_cast<int>(x.size()) == a.cols, "multiply: " << a.cols << " columns, " << x.size() << " entries");
  Vector y(static_cast<std::size_t>(a.rows), 0.0);
  for (int i = 0; i < a.rows; ++i) {
    double sum = 0.0;
    for (int j = 0; j < a.cols; ++j) sum += a(i, j) * x[static_cast<std::size_t>(j)];
    y[static_cast<std::size_t>(i)] = sum;
  }
  return y;
}

Vector multiply_transpose(const DenseMatrix& a, const Vector& y) {
  LAS_CHECK(static_cast<int>(y.size()) == a.rows, "multiply_transpose: " << a.rows << " rows, " << y.size() << " entries");
  Vector x(static_cast<std::size_t>(a.cols), 0.0);
  for (int i = 0; i < a.rows; ++i)
    for (int j = 0; j < a.cols; ++j) x[static_cast<std::size_t>(j)] += a(i, j) * y[static_cast<std::size_t>(i)];
  return x;
}

DenseMatrix transpose_times(const DenseMatrix& a, const DenseMatrix& b) {
  LAS_CHECK(a.rows == b.rows, "transpose_times: " << a.rows << " and " << b.rows << " rows");
  DenseMatrix c(a.cols, b.cols);
  for (int k = 0; k < a.rows; ++k)
    for (int i = 0; i < a.cols; ++i)
      for (int j = 0; j < b.cols; ++j) c(i, j) += a(k, i) * b(k, j);
  return c;
}

DenseMatrix times_transpose(const DenseMatrix& a) {
  DenseMatrix c(a.rows, a.rows);
  for (int i = 0; i < a.rows; ++i)
    for (int j = 0; j < a.rows; ++j) {
      double sum = 0.0;
      for (int k = 0; k < a.cols; ++k) sum += a(i, k) * a(j, k);
      c(i, j) = sum;
    }
  return c;
}

}  // namespace las::opt
