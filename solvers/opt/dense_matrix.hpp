// SPDX-License-Identifier: BSD-3-Clause
// Small dense linear algebra for the constrained optimiser: the problem set's Jacobians,
// Hessians and KKT matrices have tens of rows, where a few loops beat a library call.
// Spectra are in dense_spectra.hpp (this file has no dependency beyond the C++ library,
// so the problem interface stays free of MPI: the IPOPT anchor links it alone).
#pragma once

#include <cstddef>
#include <vector>

namespace las::opt {

using Vector = std::vector<double>;

/// A row-major rows x cols matrix.
struct DenseMatrix {
  int rows = 0;
  int cols = 0;
  std::vector<double> values;

  DenseMatrix() = default;
  DenseMatrix(int r, int c) : rows(r), cols(c), values(static_cast<std::size_t>(r) * c, 0.0) {}
  double& operator()(int i, int j) { return values[static_cast<std::size_t>(i) * cols + j]; }
  double operator()(int i, int j) const { return values[static_cast<std::size_t>(i) * cols + j]; }
};

double dot(const Vector& a, const Vector& b);
double norm2(const Vector& a);
/// y += alpha x
void axpy(double alpha, const Vector& x, Vector& y);
bool all_finite(const Vector& a);

/// a x
Vector multiply(const DenseMatrix& a, const Vector& x);
/// aᵀ y
Vector multiply_transpose(const DenseMatrix& a, const Vector& y);
/// aᵀ b
DenseMatrix transpose_times(const DenseMatrix& a, const DenseMatrix& b);
/// a aᵀ
DenseMatrix times_transpose(const DenseMatrix& a);

}  // namespace las::opt
