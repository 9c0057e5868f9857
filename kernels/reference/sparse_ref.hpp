// SPDX-License-Identifier: BSD-3-Clause
// Serial oracle for CSR SpMV. Tests only.
#pragma once

#include <cstddef>
#include <vector>

namespace las::kernels::reference {

inline std::vector<double> csr_spmv(const std::vector<size_t>& row_ptr,
                                    const std::vector<int>& cols,
                                    const std::vector<double>& vals,
                                    const std::vector<double>& x) {
  std::vector<double> y(row_ptr.size() - 1, 0.0);
  for (size_t i = 0; i + 1 < row_ptr.size(); ++i)
    for (size_t e = row_ptr[i]; e < row_ptr[i + 1]; ++e) y[i] += vals[e] * x[size_t(cols[e])];
  return y;
}

}  // namespace las::kernels::reference
