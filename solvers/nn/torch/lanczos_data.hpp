// SPDX-License-Identifier: BSD-3-Clause
// DCDM training data (Kaneda et al., ICML 2023; §1.3 of the notes): Lanczos with full
// re-orthogonalisation on the training operator, Ritz pairs from the tridiagonal
// eigenproblem, and right-hand sides that are random combinations of Ritz vectors
// weighted toward the low end of the spectrum. No LibTorch in this header.
#pragma once

#include <cstdint>
#include <vector>

#include "solvers/core/linear_operator.hpp"

namespace las::nn {

/// All eigenpairs of the symmetric tridiagonal matrix with diagonal `diag` (size m) and
/// off-diagonal `off` (size m-1), by the implicit QL method with Wilkinson shifts (the
/// algorithm of EISPACK tql2 / LAPACK dsteqr; written out so that las needs no LAPACK).
/// `values` ascending; `vectors` column-major m x m, column q the unit eigenvector of
/// values[q]. Throws las::Error if an eigenvalue needs more than 60 sweeps.
void tridiagonal_eigen(const std::vector<double>& diag, const std::vector<double>& off,
                       std::vector<double>& values, std::vector<double>& vectors);

struct LanczosOptions {
  int steps = 200;             ///< m: Krylov dimension (stops earlier on an invariant subspace)
  std::uint64_t seed = 1;      ///< start vector: A * (standard normal), as datasetcreate.py
  double null_tolerance = 1e-8;  ///< Ritz values below this (a null space) are dropped
};

/// Ritz pairs of the operator, ascending, local parts of the Ritz vectors stored
/// contiguously (vector q at vectors[q * local_size]).
struct RitzBasis {
  std::vector<double> values;
  std::vector<double> vectors;
  long long local_size = 0;
  int lanczos_steps = 0;  ///< steps actually taken
  int count() const { return static_cast<int>(values.size()); }
  const double* vector(int q) const { return vectors.data() + static_cast<size_t>(q) * local_size; }
};

/// Lanczos with full re-orthogonalisation (classical Gram–Schmidt applied twice against
/// every stored basis vector: the basis stays orthonormal to rounding). Stores
/// steps x local_size doubles. The start vector is A g with g standard normal, drawn
/// from the las Rng per global index, so any rank count gives the same basis.
/// Collective over a.comm().
RitzBasis lanczos_ritz(const LinearOperator& a, const LanczosOptions& options);

/// How training right-hand sides are made from a RitzBasis.
struct SampleRecipe {
  /// The lowest `weighted_count` Ritz vectors get coefficients multiplied by
  /// `low_weight`; -1 means m/2 + m/20 (the paper's 5,500 of 10,000).
  int weighted_count = -1;
  double low_weight = 9.0;
  std::uint64_t seed = 2;
  int resolved_weighted_count(int m) const { return weighted_count >= 0 ? weighted_count : m / 2 + m / 20; }
};

/// The coefficients of sample `index` in the Ritz basis (size m): standard normals
/// (Box–Muller on the las Rng seeded from recipe.seed and index, so sample i does not
/// depend on which other samples were drawn), the lowest weighted_count multiplied by
/// low_weight. A pure function of (recipe, index, m).
std::vector<double> sample_coefficients(const SampleRecipe& recipe, long long index, int m);

/// Sample `index` on this rank: sum_q c_q y_q, normalised to global 2-norm 1.
/// Collective (one Allreduce).
void make_sample(const Comm& comm, const RitzBasis& basis, const SampleRecipe& recipe, long long index,
                 double* out);

}  // namespace las::nn
