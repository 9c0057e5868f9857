// SPDX-License-Identifier: BSD-3-Clause
#include "triad_baseline.hpp"

namespace las_bench {

__attribute__((noinline)) void triad_baseline(double* a, const double* b, const double* c, double s, size_t n) {
  for (size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
}

}  // namespace las_bench
