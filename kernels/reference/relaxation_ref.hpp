// SPDX-License-Identifier: BSD-3-Clause
// Serial oracles for kernels/relaxation.hpp, on dense row-major matrices (tests only,
// small n): SOR sweeps in any row order (lexicographic SOR on the permuted matrix
// P A Pᵀ: red-black and multicolour orders are just orders), the explicit SSOR
// matrix of "Learning to Relax" (ssor_pcg.m) and a textbook PCG that solves with it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace las::kernels::reference {

/// Dense n x n matrix, row-major.
struct Dense {
  int n = 0;
  std::vector<double> a;
  explicit Dense(int size = 0) : n(size), a(size_t(size) * size, 0.0) {}
  double& operator()(int i, int j) { return a[size_t(i) * n + j]; }
  double operator()(int i, int j) const { return a[size_t(i) * n + j]; }
};

/// One SOR sweep visiting rows in `order`: x_i <- (1-ω) x_i + ω (b_i - Σ_{j≠i} a_ij x_j)/a_ii.
inline void sor_sweep(const Dense& a, const std::vector<double>& b, std::vector<double>& x,
                      double omega, const std::vector<int>& order) {
  for (int i : order) {
    double s = b[size_t(i)];
    for (int j = 0; j < a.n; ++j)
      if (j != i) s -= a(i, j) * x[size_t(j)];
    x[size_t(i)] = (1 - omega) * x[size_t(i)] + omega * s / a(i, i);
  }
}

inline std::vector<int> natural_order(int n) {
  std::vector<int> o(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) o[size_t(i)] = i;
  return o;
}

inline std::vector<int> reversed(std::vector<int> o) {
  std::reverse(o.begin(), o.end());
  return o;
}

/// M = (D + ωL)ᵀ D⁻¹ (D + ωL) / (ω(2-ω)), L the strict lower part of A in `order`
/// (entries a_ij with j visited before i): MATLAB ssor_pcg.m's preconditioner for A
/// permuted to that order, mapped back to A's numbering.
inline Dense ssor_matrix(const Dense& a, double omega, const std::vector<int>& order) {
  const int n = a.n;
  std::vector<int> pos(static_cast<size_t>(n));
  for (int t = 0; t < n; ++t) pos[size_t(order[size_t(t)])] = t;
  Dense x(n);  // X = D + ωL
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      x(i, j) = i == j ? a(i, i) : (pos[size_t(j)] < pos[size_t(i)] ? omega * a(i, j) : 0.0);
  Dense m(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int k = 0; k < n; ++k) s += x(k, i) * x(k, j) / a(k, k);
      m(i, j) = s / (omega * (2 - omega));
    }
  return m;
}

/// Solves M z = r by Gaussian elimination with partial pivoting (M small).
inline std::vector<double> dense_solve(Dense m, std::vector<double> r) {
  const int n = m.n;
  for (int c = 0; c < n; ++c) {
    int p = c;
    for (int i = c + 1; i < n; ++i)
      if (std::abs(m(i, c)) > std::abs(m(p, c))) p = i;
    for (int j = 0; j < n; ++j) std::swap(m(c, j), m(p, j));
    std::swap(r[size_t(c)], r[size_t(p)]);
    for (int i = c + 1; i < n; ++i) {
      const double f = m(i, c) / m(c, c);
      for (int j = c; j < n; ++j) m(i, j) -= f * m(c, j);
      r[size_t(i)] -= f * r[size_t(c)];
    }
  }
  for (int i = n - 1; i >= 0; --i) {
    double s = r[size_t(i)];
    for (int j = i + 1; j < n; ++j) s -= m(i, j) * r[size_t(j)];
    r[size_t(i)] = s / m(i, i);
  }
  return r;
}

inline std::vector<double> matvec(const Dense& a, const std::vector<double>& x) {
  std::vector<double> y(size_t(a.n), 0.0);
  for (int i = 0; i < a.n; ++i)
    for (int j = 0; j < a.n; ++j) y[size_t(i)] += a(i, j) * x[size_t(j)];
  return y;
}

/// Textbook PCG from x = 0, stopping when ||r|| <= rtol ||b||; returns the iterations.
inline int dense_pcg(const Dense& a, const Dense& m, const std::vector<double>& b,
                     std::vector<double>& x, double rtol, int max_iterations) {
  const size_t n = b.size();
  auto dot = [&](const std::vector<double>& u, const std::vector<double>& v) {
    double s = 0;
    for (size_t i = 0; i < n; ++i) s += u[i] * v[i];
    return s;
  };
  x.assign(n, 0.0);
  std::vector<double> r = b;
  const double bnorm = std::sqrt(dot(b, b));
  if (std::sqrt(dot(r, r)) <= rtol * bnorm) return 0;
  std::vector<double> z = dense_solve(m, r), p = z;
  double rz = dot(r, z);
  for (int k = 1; k <= max_iterations; ++k) {
    const std::vector<double> q = matvec(a, p);
    const double alpha = rz / dot(p, q);
    for (size_t i = 0; i < n; ++i) x[i] += alpha * p[i], r[i] -= alpha * q[i];
    if (std::sqrt(dot(r, r)) <= rtol * bnorm) return k;
    z = dense_solve(m, r);
    const double rz_new = dot(r, z);
    for (size_t i = 0; i < n; ++i) p[i] = z[i] + rz_new / rz * p[i];
    rz = rz_new;
  }
  return max_iterations;
}

}  // namespace las::kernels::reference
