// SPDX-License-Identifier: BSD-3-Clause
// Serial oracle for kernels/stencil.hpp: the operator written cell by cell from its
// definition, with neighbour values fetched through a function of (i, j, k) that may
// step one cell outside the block (ghosts). Tests only.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace las::kernels::reference {

struct FaceCoefficient {
  /// c(axis, i, j, k): coefficient of the low face of cell (i,j,k) along axis;
  /// the high face is the low face of the next cell.
  std::function<double(int, int, int, int)> c;
};

/// y(i,j,k) = (sum_f c_f + shift) u(i,j,k) - sum_f c_f u(nbr); u(i,j,k) may be called
/// with one index one step outside [0, n).
inline std::vector<double> stencil_apply(int dim, int nx, int ny, int nz,
                                         const FaceCoefficient& coef, double shift,
                                         const std::function<double(int, int, int)>& u) {
  std::vector<double> y(size_t(nx) * ny * nz);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        double diag = shift, off = 0;
        auto face = [&](double cf, double un) {
          diag += cf;
          off += cf * un;
        };
        face(coef.c(0, i, j, k), u(i - 1, j, k));
        face(coef.c(0, i + 1, j, k), u(i + 1, j, k));
        face(coef.c(1, i, j, k), u(i, j - 1, k));
        face(coef.c(1, i, j + 1, k), u(i, j + 1, k));
        if (dim == 3) {
          face(coef.c(2, i, j, k), u(i, j, k - 1));
          face(coef.c(2, i, j, k + 1), u(i, j, k + 1));
        }
        y[size_t(i) + size_t(nx) * (j + size_t(ny) * k)] = diag * u(i, j, k) - off;
      }
  return y;
}

}  // namespace las::kernels::reference
