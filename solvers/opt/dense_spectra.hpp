// SPDX-License-Identifier: BSD-3-Clause
// Spectra of the small dense matrices of AdaSketch-Newton's step (λ_min(J Jᵀ), ‖K‖, the
// reduced Hessian's curvature), from learning::symmetric_eigen (cyclic Jacobi), so that
// las::opt needs no LAPACK.
#pragma once

#include <vector>

#include "solvers/opt/dense_matrix.hpp"

namespace las::opt {

/// Eigenvalues of a symmetric matrix, ascending.
std::vector<double> symmetric_eigenvalues(const DenseMatrix& a);
/// ‖a‖₂, the largest singular value (from the eigenvalues of aᵀa or a aᵀ, the smaller).
double spectral_norm(const DenseMatrix& a);
/// An orthonormal basis of the null space of a full-row-rank m x n matrix g (m < n): the
/// eigenvectors of gᵀg for its n - m smallest eigenvalues, as the columns of an
/// n x (n - m) matrix. Empty (n x 0) when m >= n.
DenseMatrix null_space_basis(const DenseMatrix& g);

}  // namespace las::opt
