// SPDX-License-Identifier: BSD-3-Clause
// Serial oracles for kernels/blas1.hpp: plain loops on std::vector, used by tests only.
#pragma once

#include <cstddef>
#include <vector>

namespace las::kernels::reference {

inline double dot(const std::vector<double>& x, const std::vector<double>& y) {
  double s = 0;
  for (size_t i = 0; i < x.size(); ++i) s += x[i] * y[i];
  return s;
}

inline void axpy(double a, const std::vector<double>& x, std::vector<double>& y) {
  for (size_t i = 0; i < x.size(); ++i) y[i] += a * x[i];
}

inline void aypx(double b, const std::vector<double>& x, std::vector<double>& y) {
  for (size_t i = 0; i < x.size(); ++i) y[i] = x[i] + b * y[i];
}

}  // namespace las::kernels::reference
