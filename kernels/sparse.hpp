// SPDX-License-Identifier: BSD-3-Clause
// Local CSR matrices and SpMV through KokkosKernels.
#pragma once

#include <KokkosSparse_CrsMatrix.hpp>
#include <KokkosSparse_spmv.hpp>

#include "kernels/common/spaces.hpp"

namespace las::kernels {

/// Local CSR block: int column indices, size_t row offsets (both pre-instantiated in
/// KokkosKernels), so a rank may hold more than 2^31 non-zeros.
using CsrMatrix = KokkosSparse::CrsMatrix<double, int, ExecSpace, void, size_t>;

/// y = alpha A x + beta y.
inline void spmv(double alpha, const CsrMatrix& a, const ConstVector& x, double beta,
                 const Vector& y) {
  KokkosSparse::spmv("N", alpha, a, x, beta, y);
}

/// d(i) = A(i, i) for a square local block (0 where the row stores no diagonal).
inline void csr_diagonal(const CsrMatrix& a, const Vector& d) {
  auto rows = a.graph.row_map;
  auto cols = a.graph.entries;
  auto vals = a.values;
  Kokkos::parallel_for(
      "las::csr_diagonal", Kokkos::RangePolicy<ExecSpace>(0, a.numRows()), KOKKOS_LAMBDA(int i) {
        double v = 0;
        for (size_t e = rows(i); e < rows(i + 1); ++e)
          if (cols(e) == i) v += vals(e);
        d(i) = v;
      });
}

}  // namespace las::kernels
