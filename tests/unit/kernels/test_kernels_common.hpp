// SPDX-License-Identifier: BSD-3-Clause
// Helpers shared by the kernel tests: host <-> device copies and seeded random data.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "kernels/common/spaces.hpp"

namespace las::test {

inline kernels::Vector to_device(const std::vector<double>& h, const char* label = "test") {
  kernels::Vector d(std::string(label), h.size());
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < h.size(); ++i) m(i) = h[i];
  Kokkos::deep_copy(d, m);
  return d;
}

inline kernels::Array<int> to_device(const std::vector<int>& h, const char* label = "test") {
  kernels::Array<int> d(std::string(label), h.size());
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < h.size(); ++i) m(i) = h[i];
  Kokkos::deep_copy(d, m);
  return d;
}

inline std::vector<double> to_host(const kernels::ConstVector& d) {
  std::vector<double> h(d.extent(0));
  auto m = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), d);
  for (size_t i = 0; i < h.size(); ++i) h[i] = m(i);
  return h;
}

inline std::vector<double> random_vector(size_t n, unsigned seed, double lo = -1, double hi = 1) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> v(n);
  for (auto& x : v) x = u(rng);
  return v;
}

}  // namespace las::test
