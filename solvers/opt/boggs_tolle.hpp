// SPDX-License-Identifier: BSD-3-Clause
// Equality-constrained problems of P. T. Boggs and J. W. Tolle, "A strategy for global
// convergence in a sequential quadratic programming algorithm", SINUM 26(3) 600-623,
// 1989 (CUTEst's BT set), each written once for sacado_problem.hpp. The SIF files give
// BT3 and BT6 SIF's default bounds x >= 0; like AdaSketch's experiments, which pass only
// the equality constraints to the solver, they are dropped. BT3's published value is that
// of the problem without bounds; BT6's (0.277) is not (without bounds BT6 is HS77), so BT6
// is not in the set.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "solvers/opt/dense_matrix.hpp"
#include "solvers/opt/problem_functions.hpp"

namespace las::opt::bt {

struct Bt2 {
  std::string name = "BT2";
  int n = 3, m = 1;
  Vector start() const { return {10.0, 10.0, 10.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - 1.0) + sq<T>(x[0] - x[1]) + pow4<T>(x[1] - x[2]);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] * (1.0 + x[1] * x[1]) + pow4<T>(x[2]) - 4.0 - 3.0 * std::sqrt(2.0);
  }
};

struct Bt3 {
  std::string name = "BT3";
  int n = 5, m = 3;
  Vector start() const { return {20.0, 20.0, 20.0, 20.0, 20.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - x[1]) + sq<T>(x[1] + x[2] - 2.0) + sq<T>(x[3] - 1.0) + sq<T>(x[4] - 1.0);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + 3.0 * x[1];
    c[1] = x[2] + x[3] - 2.0 * x[4];
    c[2] = x[1] - x[4];
  }
};

struct Bt5 {
  std::string name = "BT5";
  int n = 3, m = 2;
  Vector start() const { return {2.0, 2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return 1000.0 - x[0] * x[0] - 2.0 * x[1] * x[1] - x[2] * x[2] - x[0] * x[1] - x[0] * x[2];
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] * x[0] + x[1] * x[1] + x[2] * x[2] - 25.0;
    c[1] = 8.0 * x[0] + 14.0 * x[1] + 7.0 * x[2] - 56.0;
  }
};

struct Bt12 {
  std::string name = "BT12";
  int n = 5, m = 3;
  Vector start() const { return {15.811, 1.5811, 0.0, 15.083, 3.7164}; }
  template <class T> T objective(const std::vector<T>& x) const { return 0.01 * x[0] * x[0] + x[1] * x[1]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + x[1] - x[2] * x[2] - 25.0;
    c[1] = x[0] * x[0] + x[1] * x[1] - x[3] * x[3] - 25.0;
    c[2] = x[0] - x[4] * x[4] - 2.0;
  }
};

}  // namespace las::opt::bt
