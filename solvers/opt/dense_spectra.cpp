// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/dense_spectra.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "solvers/core/error.hpp"
#include "solvers/learning/small_lsq.hpp"

namespace las::opt {

namespace {

// Eigenpairs of a symmetric matrix sorted by ascending eigenvalue; vectors[k] is the
// eigenvector of values[k].
void sorted_eigen(const DenseMatrix& a, std::vector<double>& values, std::vector<Vector>& vectors) {
  LAS_CHECK(a.rows == a.cols && a.rows >= 1, "eigenvalues of a " << a.rows << " x " << a.cols << " matrix");
  const int n = a.rows;
  std::vector<double> raw_values, raw_vectors;
  learning::symmetric_eigen(a.values, n, raw_values, raw_vectors);
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int p, int q) {
    return raw_values[static_cast<std::size_t>(p)] < raw_values[static_cast<std::size_t>(q)];
  });
  values.clear();
  vectors.clear();
  for (int k : order) {
    values.push_back(raw_values[static_cast<std::size_t>(k)]);
    Vector v(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = raw_vectors[static_cast<std::size_t>(i) * n + k];
    vectors.push_back(std::move(v));
  }
}

}  // namespace

std::vector<double> symmetric_eigenvalues(const DenseMatrix& a) {
  std::vector<double> values;
  std::vector<Vector> vectors;
  sorted_eigen(a, values, vectors);
  return values;
}

double spectral_norm(const DenseMatrix& a) {
  if (a.rows == 0 || a.cols == 0) return 0.0;
  const DenseMatrix gram = a.rows <= a.cols ? times_transpose(a) : transpose_times(a, a);
  return std::sqrt(std::max(0.0, symmetric_eigenvalues(gram).back()));
}

DenseMatrix null_space_basis(const DenseMatrix& g) {
  const int n = g.cols, dim = std::max(0, g.cols - g.rows);
  DenseMatrix z(n, dim);
  if (dim == 0) return z;
  std::vector<double> values;
  std::vector<Vector> vectors;
  sorted_eigen(transpose_times(g, g), values, vectors);
  for (int k = 0; k < dim; ++k)
    for (int i = 0; i < n; ++i) z(i, k) = vectors[static_cast<std::size_t>(k)][static_cast<std::size_t>(i)];
  return z;
}

}  // namespace las::opt
