// SPDX-License-Identifier: BSD-3-Clause
// Constrained logistic regression, the AdaSketch paper's second test problem (Hong, Na,
// Mahoney, Kolar, ICML 2023; the authors' ConstrainedLogisticRegression/*/Eval.jl):
//   min  (1/N) Σᵢ log(1 + exp(-yᵢ aᵢᵀx))      (mean logistic loss, no regulariser)
//   s.t. A x = b   (A ∈ ℝ^{k x n}, b ∈ ℝᵏ with N(0, 1) entries; the paper's k = 10)
//        ‖x‖² = 1,
// so m = k + 1, from x₀ = 1 (and the paper's λ₀ = 1). The data (aᵢ, yᵢ ∈ {-1, +1}) come
// from a generator or a LIBSVM file (libsvm_reader.hpp). Written once as templated
// functions for SacadoProblem (sacado_problem.hpp).
#pragma once

#include <Sacado_Traits.hpp>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "solvers/opt/dense_matrix.hpp"

namespace las::opt {

/// Samples aᵢ as sparse rows (CSR, 0-based columns) with labels yᵢ ∈ {-1, +1}.
struct LogisticData {
  int features = 0;  ///< n
  std::vector<std::size_t> row_start{0};
  std::vector<int> column;
  std::vector<double> value;
  std::vector<double> label;
  int samples() const { return static_cast<int>(label.size()); }
};

/// N samples with N(0, 1) features and labels drawn from the logistic model with a
/// N(0, 1/n) weight vector: yᵢ = +1 with probability 1 / (1 + exp(-aᵢᵀw)). Deterministic
/// given the seed on every platform (64-bit Mersenne twister, Box-Muller by hand).
LogisticData generate_logistic_data(int samples, int features, std::uint64_t seed);

/// log(1 + exp(t)) without overflow for large |t|, for double and Sacado types alike.
template <class T>
T softplus(const T& t) {
  using std::exp;
  using std::log;
  if (Sacado::ScalarValue<T>::eval(t) > 0.0) {
    const T e = exp(-t);
    return t + log(1.0 + e);
  }
  const T e = exp(t);
  return log(1.0 + e);
}

struct ConstrainedLogistic {
  std::string name;
  int n = 0, m = 0;
  std::shared_ptr<const LogisticData> data;
  DenseMatrix a;  ///< k x n
  Vector b;       ///< k

  Vector start() const { return Vector(static_cast<std::size_t>(n), 1.0); }

  template <class T> T objective(const std::vector<T>& x) const {
    const LogisticData& d = *data;
    T total = 0.0;
    for (int i = 0; i < d.samples(); ++i) {
      T margin = 0.0;
      for (std::size_t k = d.row_start[static_cast<std::size_t>(i)]; k < d.row_start[static_cast<std::size_t>(i) + 1]; ++k)
        margin += d.value[k] * x[static_cast<std::size_t>(d.column[k])];
      const T t = -d.label[static_cast<std::size_t>(i)] * margin;
      total += softplus(t);
    }
    return total / static_cast<double>(d.samples());
  }

  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    const int k = a.rows;
    for (int j = 0; j < k; ++j) {
      T row = -b[static_cast<std::size_t>(j)];
      for (int i = 0; i < n; ++i) row += a(j, i) * x[static_cast<std::size_t>(i)];
      c[static_cast<std::size_t>(j)] = row;
    }
    T norm2 = -1.0;
    for (int i = 0; i < n; ++i) norm2 += x[static_cast<std::size_t>(i)] * x[static_cast<std::size_t>(i)];
    c[static_cast<std::size_t>(k)] = norm2;
  }
};

/// The problem on `data` with `linear_constraints` Gaussian rows A x = b drawn from
/// `seed` (independent of the data's stream). ConfigError when linear_constraints < 1 or
/// not below n (A x = b with ‖x‖ = 1 then has no room).
ConstrainedLogistic constrained_logistic(const std::string& name, std::shared_ptr<const LogisticData> data,
                                         int linear_constraints, std::uint64_t seed);

}  // namespace las::opt
