// SPDX-License-Identifier: BSD-3-Clause
// Equality-constrained problems of the Hock-Schittkowski collection (W. Hock and
// K. Schittkowski, "Test Examples for Nonlinear Programming Codes", Lecture Notes in
// Economics and Mathematical Systems 187, Springer 1981), as in CUTEst's SIF files, each
// written once for sacado_problem.hpp. Starting points are the collection's; the
// published optimal values are in problem_set.cpp beside the registration.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "solvers/opt/dense_matrix.hpp"
#include "solvers/opt/problem_functions.hpp"

namespace las::opt::hs {

struct Hs6 {
  std::string name = "HS6";
  int n = 2, m = 1;
  Vector start() const { return {-1.2, 1.0}; }
  template <class T> T objective(const std::vector<T>& x) const { return sq<T>(1.0 - x[0]); }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = 10.0 * (x[1] - x[0] * x[0]);
  }
};

struct Hs7 {
  std::string name = "HS7";
  int n = 2, m = 1;
  Vector start() const { return {2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    using std::log;
    const T t = 1.0 + x[0] * x[0];
    return log(t) - x[1];
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = sq<T>(1.0 + x[0] * x[0]) + x[1] * x[1] - 4.0;
  }
};

struct Hs8 {
  std::string name = "HS8";
  int n = 2, m = 2;
  Vector start() const { return {2.0, 1.0}; }
  template <class T> T objective(const std::vector<T>&) const { return T(-1.0); }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] * x[0] + x[1] * x[1] - 25.0;
    c[1] = x[0] * x[1] - 9.0;
  }
};

struct Hs9 {
  std::string name = "HS9";
  int n = 2, m = 1;
  Vector start() const { return {0.0, 0.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    using std::cos;
    using std::sin;
    const double pi = std::acos(-1.0);
    const T a = pi * x[0] / 12.0, b = pi * x[1] / 16.0;
    return sin(a) * cos(b);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = 4.0 * x[0] - 3.0 * x[1];
  }
};

struct Hs27 {
  std::string name = "HS27";
  int n = 3, m = 1;
  Vector start() const { return {2.0, 2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return 0.01 * sq<T>(x[0] - 1.0) + sq<T>(x[1] - x[0] * x[0]);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + x[2] * x[2] + 1.0;
  }
};

struct Hs28 {
  std::string name = "HS28";
  int n = 3, m = 1;
  Vector start() const { return {-4.0, 1.0, 1.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] + x[1]) + sq<T>(x[1] + x[2]);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + 2.0 * x[1] + 3.0 * x[2] - 1.0;
  }
};

struct Hs39 {
  std::string name = "HS39";
  int n = 4, m = 2;
  Vector start() const { return {2.0, 2.0, 2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const { return -x[0]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[1] - x[0] * x[0] * x[0] - x[2] * x[2];
    c[1] = x[0] * x[0] - x[1] - x[3] * x[3];
  }
};

struct Hs40 {
  std::string name = "HS40";
  int n = 4, m = 3;
  Vector start() const { return {0.8, 0.8, 0.8, 0.8}; }
  template <class T> T objective(const std::vector<T>& x) const { return -x[0] * x[1] * x[2] * x[3]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] * x[0] * x[0] + x[1] * x[1] - 1.0;
    c[1] = x[0] * x[0] * x[3] - x[2];
    c[2] = x[3] * x[3] - x[1];
  }
};

struct Hs42 {
  std::string name = "HS42";
  int n = 4, m = 2;
  Vector start() const { return {1.0, 1.0, 1.0, 1.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - 1.0) + sq<T>(x[1] - 2.0) + sq<T>(x[2] - 3.0) + sq<T>(x[3] - 4.0);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] - 2.0;
    c[1] = x[2] * x[2] + x[3] * x[3] - 2.0;
  }
};

struct Hs48 {
  std::string name = "HS48";
  int n = 5, m = 2;
  Vector start() const { return {3.0, 5.0, -3.0, 2.0, -2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - 1.0) + sq<T>(x[1] - x[2]) + sq<T>(x[3] - x[4]);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + x[1] + x[2] + x[3] + x[4] - 5.0;
    c[1] = x[2] - 2.0 * (x[3] + x[4]) + 3.0;
  }
};

struct Hs50 {
  std::string name = "HS50";
  int n = 5, m = 3;
  Vector start() const { return {35.0, -31.0, 11.0, 5.0, -5.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - x[1]) + sq<T>(x[1] - x[2]) + pow4<T>(x[2] - x[3]) + sq<T>(x[3] - x[4]);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + 2.0 * x[1] + 3.0 * x[2] - 6.0;
    c[1] = x[1] + 2.0 * x[2] + 3.0 * x[3] - 6.0;
    c[2] = x[2] + 2.0 * x[3] + 3.0 * x[4] - 6.0;
  }
};

struct Hs51 {
  std::string name = "HS51";
  int n = 5, m = 3;
  Vector start() const { return {2.5, 0.5, 2.0, -1.0, 0.5}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - x[1]) + sq<T>(x[1] + x[2] - 2.0) + sq<T>(x[3] - 1.0) + sq<T>(x[4] - 1.0);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + 3.0 * x[1] - 4.0;
    c[1] = x[2] + x[3] - 2.0 * x[4];
    c[2] = x[1] - x[4];
  }
};

struct Hs52 {
  std::string name = "HS52";
  int n = 5, m = 3;
  Vector start() const { return {2.0, 2.0, 2.0, 2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(4.0 * x[0] - x[1]) + sq<T>(x[1] + x[2] - 2.0) + sq<T>(x[3] - 1.0) + sq<T>(x[4] - 1.0);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] + 3.0 * x[1];
    c[1] = x[2] + x[3] - 2.0 * x[4];
    c[2] = x[1] - x[4];
  }
};

struct Hs56 {
  std::string name = "HS56";
  int n = 7, m = 4;
  Vector start() const {
    const double a = std::asin(std::sqrt(1.0 / 4.2)), b = std::asin(std::sqrt(5.0 / 7.2));
    return {1.0, 1.0, 1.0, a, a, a, b};
  }
  template <class T> T objective(const std::vector<T>& x) const { return -x[0] * x[1] * x[2]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    using std::sin;
    c[0] = x[0] - 4.2 * sq<T>(sin(x[3]));
    c[1] = x[1] - 4.2 * sq<T>(sin(x[4]));
    c[2] = x[2] - 4.2 * sq<T>(sin(x[5]));
    c[3] = x[0] + 2.0 * x[1] + 2.0 * x[2] - 7.2 * sq<T>(sin(x[6]));
  }
};

struct Hs61 {
  std::string name = "HS61";
  int n = 3, m = 2;
  Vector start() const { return {0.0, 0.0, 0.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return 4.0 * x[0] * x[0] + 2.0 * x[1] * x[1] + 2.0 * x[2] * x[2] - 33.0 * x[0] + 16.0 * x[1] -
           24.0 * x[2];
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = 3.0 * x[0] - 2.0 * x[1] * x[1] - 7.0;
    c[1] = 4.0 * x[0] - x[2] * x[2] - 11.0;
  }
};

struct Hs77 {
  std::string name = "HS77";
  int n = 5, m = 2;
  Vector start() const { return {2.0, 2.0, 2.0, 2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - 1.0) + sq<T>(x[0] - x[1]) + sq<T>(x[2] - 1.0) + pow4<T>(x[3] - 1.0) +
           pow6<T>(x[4] - 1.0);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    using std::sin;
    const double root2 = std::sqrt(2.0);
    c[0] = x[0] * x[0] * x[3] + sin(x[3] - x[4]) - 2.0 * root2;
    c[1] = x[1] + pow4<T>(x[2]) * x[3] * x[3] - 8.0 - root2;
  }
};

struct Hs78 {
  std::string name = "HS78";
  int n = 5, m = 3;
  Vector start() const { return {-2.0, 1.5, 2.0, -1.0, -1.0}; }
  template <class T> T objective(const std::vector<T>& x) const { return x[0] * x[1] * x[2] * x[3] * x[4]; }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3] + x[4] * x[4] - 10.0;
    c[1] = x[1] * x[2] - 5.0 * x[3] * x[4];
    c[2] = cube<T>(x[0]) + cube<T>(x[1]) + 1.0;
  }
};

struct Hs79 {
  std::string name = "HS79";
  int n = 5, m = 3;
  Vector start() const { return {2.0, 2.0, 2.0, 2.0, 2.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - 1.0) + sq<T>(x[0] - x[1]) + sq<T>(x[1] - x[2]) + pow4<T>(x[2] - x[3]) +
           pow4<T>(x[3] - x[4]);
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    const double root2 = std::sqrt(2.0);
    c[0] = x[0] + x[1] * x[1] + cube<T>(x[2]) - 2.0 - 3.0 * root2;
    c[1] = x[1] - x[2] * x[2] + x[3] + 2.0 - 2.0 * root2;
    c[2] = x[0] * x[4] - 2.0;
  }
};

/// HS100 with its first and fourth inequalities (active at the solution) as equalities,
/// the others dropped: CUTEst's HS100LNP.
struct Hs100Lnp {
  std::string name = "HS100LNP";
  int n = 7, m = 2;
  Vector start() const { return {1.0, 2.0, 0.0, 4.0, 0.0, 1.0, 1.0}; }
  template <class T> T objective(const std::vector<T>& x) const {
    return sq<T>(x[0] - 10.0) + 5.0 * sq<T>(x[1] - 12.0) + pow4<T>(x[2]) + 3.0 * sq<T>(x[3] - 11.0) +
           10.0 * pow6<T>(x[4]) + 7.0 * x[5] * x[5] + pow4<T>(x[6]) - 4.0 * x[5] * x[6] - 10.0 * x[5] -
           8.0 * x[6];
  }
  template <class T> void constraints(const std::vector<T>& x, std::vector<T>& c) const {
    c[0] = 2.0 * x[0] * x[0] + 3.0 * pow4<T>(x[1]) + x[2] + 4.0 * x[3] * x[3] + 5.0 * x[4] - 127.0;
    c[1] = -4.0 * x[0] * x[0] - x[1] * x[1] + 3.0 * x[0] * x[1] - 2.0 * x[2] * x[2] - 5.0 * x[5] +
           11.0 * x[6];
  }
};

}  // namespace las::opt::hs
