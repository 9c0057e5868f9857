// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/moe/models/finite_differences.hpp"

#include "solvers/core/error.hpp"

namespace las::moe {
namespace {

torch::Tensor slice(const torch::Tensor& f, int64_t axis, int64_t start, int64_t length) {
  return f.narrow(axis, start, length);
}

torch::Tensor at(const torch::Tensor& f, int64_t axis, int64_t i) { return f.narrow(axis, i, 1); }

}  // namespace

torch::Tensor first_derivative(const torch::Tensor& f, int64_t axis, double h) {
  const int64_t n = f.size(axis);
  LAS_CHECK(n >= 3, "first_derivative: need >= 3 points along dim " << axis << ", got " << n);
  const torch::Tensor lower = (-3.0 * at(f, axis, 0) + 4.0 * at(f, axis, 1) - at(f, axis, 2)) / (2.0 * h);
  const torch::Tensor inner = (slice(f, axis, 2, n - 2) - slice(f, axis, 0, n - 2)) / (2.0 * h);
  const torch::Tensor upper =
      (3.0 * at(f, axis, n - 1) - 4.0 * at(f, axis, n - 2) + at(f, axis, n - 3)) / (2.0 * h);
  return torch::cat({lower, inner, upper}, axis);
}

torch::Tensor second_derivative(const torch::Tensor& f, int64_t axis, double h) {
  const int64_t n = f.size(axis);
  LAS_CHECK(n >= 4, "second_derivative: need >= 4 points along dim " << axis << ", got " << n);
  const double h2 = h * h;
  const auto edge = [&](int64_t a, int64_t b, int64_t c, int64_t d) {
    return (2.0 * at(f, axis, a) - 5.0 * at(f, axis, b) + 4.0 * at(f, axis, c) - at(f, axis, d)) / h2;
  };
  const torch::Tensor inner =
      (slice(f, axis, 2, n - 2) - 2.0 * slice(f, axis, 1, n - 2) + slice(f, axis, 0, n - 2)) / h2;
  return torch::cat({edge(0, 1, 2, 3), inner, edge(n - 1, n - 2, n - 3, n - 4)}, axis);
}

}  // namespace las::moe
