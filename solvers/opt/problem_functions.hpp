// SPDX-License-Identifier: BSD-3-Clause
// Powers for problems written once as templated functions (sacado_problem.hpp). Sacado's
// operators return expression templates that refer to their operands, so a helper that
// deduced its type from an expression would return references to dead temporaries: the
// scalar type T is given explicitly (sq<T>(x[0] - 1.0)) and the operand converted first.
// Integer powers as products also keep the derivative exact where pow(x, p) would take
// log(x) at x <= 0.
#pragma once

namespace las::opt {

template <class T, class E>
T sq(const E& e) {
  const T v = e;
  return v * v;
}

template <class T, class E>
T cube(const E& e) {
  const T v = e;
  return v * v * v;
}

template <class T, class E>
T pow4(const E& e) {
  const T v2 = sq<T>(e);
  return v2 * v2;
}

template <class T, class E>
T pow6(const E& e) {
  const T v2 = sq<T>(e);
  return v2 * v2 * v2;
}

}  // namespace las::opt
