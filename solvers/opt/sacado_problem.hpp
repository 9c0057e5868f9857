// SPDX-License-Identifier: BSD-3-Clause
// A ConstrainedProblem written once as templated functions of x, with every derivative
// from Trilinos Sacado forward-mode AD (exact to rounding, no finite differences):
//   ∇f, Jᵀw      one pass with n-direction Fad variables;
//   J v          one pass with a single-direction Fad (a directional derivative);
//   (∇²ₓL) v     nested Fad<Fad>: the inner n directions give ∇ₓL, the outer direction v
//                differentiates it again (forward over forward).
//
// Example: HS6, min (1 - x₀)² s.t. 10 (x₁ - x₀²) = 0, from (-1.2, 1):
//
//   struct Hs6 {
//     std::string name = "HS6";
//     int n = 2, m = 1;
//     las::opt::Vector start() const { return {-1.2, 1.0}; }
//     template <class T> T objective(const std::vector<T>& x) const {
//       return (1.0 - x[0]) * (1.0 - x[0]);
//     }
//     template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
//       c[0] = 10.0 * (x[1] - x[0] * x[0]);
//     }
//   };
//   las::opt::SacadoProblem<Hs6> problem;   // then las::opt::ada_sketch_newton(problem, options)
//
// The functions must use only operations Sacado overloads (arithmetic, std math via
// `using std::sin;` etc.) and write every c[i] (the vector arrives sized m).
#pragma once

// GCC 12 reports a false -Wuse-after-free inside Sacado's storage (a freed pointer it
// believes is read by an inlined nested-Fad assignment; the array is reallocated first).
// The diagnostic's location is in this header, so silencing it around the include keeps
// the warning on for las's own code.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuse-after-free"
#include <Sacado_Fad_DFad.hpp>
#pragma GCC diagnostic pop
#else
#include <Sacado_Fad_DFad.hpp>
#endif

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "solvers/core/error.hpp"
#include "solvers/opt/problem.hpp"

namespace las::opt {

using Fad = Sacado::Fad::DFad<double>;
using Fad2 = Sacado::Fad::DFad<Fad>;

template <class Functions>
class SacadoProblem final : public ConstrainedProblem {
 public:
  explicit SacadoProblem(Functions functions = Functions{}) : fn_(std::move(functions)) {}

  const Functions& functions() const { return fn_; }
  std::string name() const override { return fn_.name; }
  int variables() const override { return fn_.n; }
  int constraints() const override { return fn_.m; }
  Vector initial_point() const override { return fn_.start(); }

  double objective(const Vector& x) const override {
    check_size(x, fn_.n, "x");
    return fn_.objective(x);
  }

  void objective_gradient(const Vector& x, Vector& g) const override {
    const std::vector<Fad> xf = seeded(x);
    const Fad f = fn_.objective(xf);
    g.assign(x.size(), 0.0);
    for (int i = 0; i < fn_.n; ++i) g[idx(i)] = f.dx(i);
  }

  void constraint_values(const Vector& x, Vector& c) const override {
    check_size(x, fn_.n, "x");
    c.assign(static_cast<std::size_t>(fn_.m), 0.0);
    fn_.constraints(x, c);
  }

  void jacobian_apply(const Vector& x, const Vector& v, Vector& jv) const override {
    check_size(x, fn_.n, "x");
    check_size(v, fn_.n, "v");
    std::vector<Fad> xf(x.size());
    for (int i = 0; i < fn_.n; ++i) {
      xf[idx(i)] = Fad(1, x[idx(i)]);
      xf[idx(i)].fastAccessDx(0) = v[idx(i)];
    }
    std::vector<Fad> c(static_cast<std::size_t>(fn_.m));
    fn_.constraints(xf, c);
    jv.assign(c.size(), 0.0);
    for (int j = 0; j < fn_.m; ++j) jv[idx(j)] = c[idx(j)].dx(0);
  }

  void jacobian_transpose_apply(const Vector& x, const Vector& w, Vector& jtw) const override {
    check_size(w, fn_.m, "w");
    const std::vector<Fad> xf = seeded(x);
    std::vector<Fad> c(static_cast<std::size_t>(fn_.m));
    fn_.constraints(xf, c);
    jtw.assign(x.size(), 0.0);
    for (int j = 0; j < fn_.m; ++j)
      for (int i = 0; i < fn_.n; ++i) jtw[idx(i)] += w[idx(j)] * c[idx(j)].dx(i);
  }

  void lagrangian_hessian_apply(const Vector& x, const Vector& lambda, const Vector& v,
                                Vector& hv) const override {
    check_size(x, fn_.n, "x");
    check_size(lambda, fn_.m, "lambda");
    check_size(v, fn_.n, "v");
    std::vector<Fad2> xf(x.size());
    for (int i = 0; i < fn_.n; ++i) {
      xf[idx(i)] = Fad2(Fad(fn_.n, i, x[idx(i)]));  // inner: ∂/∂xᵢ
      xf[idx(i)].resizeAndZero(1);                    // outer: the direction v
      xf[idx(i)].fastAccessDx(0) = Fad(v[idx(i)]);
    }
    Fad2 lagrangian = fn_.objective(xf);
    std::vector<Fad2> c(static_cast<std::size_t>(fn_.m));
    fn_.constraints(xf, c);
    for (int j = 0; j < fn_.m; ++j) lagrangian += lambda[idx(j)] * c[idx(j)];
    // lagrangian.dx(0) = ∇L·v as a Fad over x; its derivatives are (∇²L v)ᵢ.
    const Fad directional = lagrangian.dx(0);
    hv.assign(x.size(), 0.0);
    for (int i = 0; i < fn_.n; ++i) hv[idx(i)] = directional.dx(i);
  }

 private:
  static std::size_t idx(int i) { return static_cast<std::size_t>(i); }

  static void check_size(const Vector& v, int expected, const char* what) {
    LAS_CHECK(static_cast<int>(v.size()) == expected,
              what << " has " << v.size() << " entries, the problem needs " << expected);
  }

  // x as n-direction Fad variables: xᵢ carries ∂/∂xᵢ = eᵢ.
  std::vector<Fad> seeded(const Vector& x) const {
    check_size(x, fn_.n, "x");
    std::vector<Fad> xf(x.size());
    for (int i = 0; i < fn_.n; ++i) xf[idx(i)] = Fad(fn_.n, i, x[idx(i)]);
    return xf;
  }

  Functions fn_;
};

}  // namespace las::opt
