// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/problem_set.hpp"

#include <cmath>

#include "solvers/core/error.hpp"
#include "solvers/opt/boggs_tolle.hpp"
#include "solvers/opt/hock_schittkowski.hpp"
#include "solvers/opt/sacado_problem.hpp"

namespace las::opt {
namespace {

template <class Functions>
ProblemSetEntry entry(double f_star, const std::string& source) {
  const Functions functions;
  return {functions.name, f_star, source,
          []() -> std::unique_ptr<ConstrainedProblem> { return std::make_unique<SacadoProblem<Functions>>(); }};
}

// Sources of f*: "HS81" is Hock & Schittkowski (1981), the problem's page; "S2MPJ" is the
// `LO SOLTN` line of GrattonToint/S2MPJ matlab_problems/<NAME>.m, the SIF translation of
// CUTEst (reference notes §2.4). Closed forms are given where the solution is known exactly.
// Left out: HS61, whose published start (0, 0, 0) has a rank-deficient Jacobian (the
// solver stops there, as the authors' code does: test_opt_solver uses it), and BT1, whose
// iterates pass near x = 0 where λ_min(J Jᵀ) = 4‖x‖² falls below the 1e-2 abort.
std::vector<ProblemSetEntry> build() {
  const double root3 = std::sqrt(3.0), root2 = std::sqrt(2.0);
  return {
      entry<hs::Hs6>(0.0, "HS81 problem 6; S2MPJ HS6.m LO SOLTN 0.0"),
      entry<hs::Hs7>(-root3, "HS81 problem 7: x* = (0, sqrt 3); S2MPJ HS7.m -1.73205"),
      entry<hs::Hs8>(-1.0, "HS81 problem 8 (constant objective)"),
      entry<hs::Hs9>(-0.5, "HS81 problem 9"),
      entry<hs::Hs27>(0.04, "HS81 problem 27: x* = (-1, 1, 0)"),
      entry<hs::Hs28>(0.0, "HS81 problem 28; S2MPJ HS28.m LO SOLTN 0.0"),
      entry<hs::Hs39>(-1.0, "HS81 problem 39: x* = (1, 1, 0, 0)"),
      entry<hs::Hs40>(-0.25, "HS81 problem 40; S2MPJ HS40.m LO SOLTN -0.25"),
      entry<hs::Hs42>(28.0 - 10.0 * root2, "HS81 problem 42: 28 - 10 sqrt 2; S2MPJ HS42.m 13.857864"),
      entry<hs::Hs48>(0.0, "HS81 problem 48; S2MPJ HS48.m LO SOLTN 0.0"),
      entry<hs::Hs50>(0.0, "HS81 problem 50; S2MPJ HS50.m LO SOLTN 0.0"),
      entry<hs::Hs51>(0.0, "HS81 problem 51; S2MPJ HS51.m LO SOLTN 0.0"),
      entry<hs::Hs52>(1859.0 / 349.0, "HS81 problem 52: 1859/349; S2MPJ HS52.m 5.32664756"),
      entry<hs::Hs56>(-3.456, "HS81 problem 56: x* = (2.4, 1.2, 1.2, ...); S2MPJ HS56.m -3.456"),
      entry<hs::Hs77>(0.24150513, "HS81 problem 77; S2MPJ HS77.m LO SOLTN 0.24150513"),
      entry<hs::Hs78>(-2.91970041, "HS81 problem 78; S2MPJ HS78.m LO SOLTN -2.91970041"),
      entry<hs::Hs79>(0.0787768209, "HS81 problem 79: 0.0787768209; S2MPJ HS79.m 0.0787768"),
      entry<hs::Hs100Lnp>(680.6300573, "HS81 problem 100; S2MPJ HS100LNP.m LO SOLTN 680.6300573"),
      entry<bt::Bt2>(0.032568200, "S2MPJ BT2.m LO SOLTN 0.032568200"),
      // Closed form: x₂ = x₅ = 11/43, x₄ = -5/43 (eliminate x₁, x₃, set the gradient to 0),
      // f* = 7568/1849 = 4.0930232558. S2MPJ's LO SOLTN 4.09301056 is off by 3.1e-6.
      entry<bt::Bt3>(7568.0 / 1849.0, "closed form 7568/1849; S2MPJ BT3.m LO SOLTN 4.09301056"),
      entry<bt::Bt5>(961.71517219, "S2MPJ BT5.m LO SOLTN 961.71517219 (HS63's value)"),
      entry<bt::Bt12>(625.0 / 101.0, "S2MPJ BT12.m LO SOLTN 6.18811881 (= 625/101)"),
  };
}

}  // namespace

const std::vector<ProblemSetEntry>& equality_problem_set() {
  static const std::vector<ProblemSetEntry> set = build();
  return set;
}

const ProblemSetEntry& find_problem(const std::string& name) {
  std::string names;
  for (const auto& e : equality_problem_set()) {
    if (e.name == name) return e;
    names += (names.empty() ? "" : ", ") + e.name;
  }
  throw ConfigError("unknown problem '" + name + "' (valid: " + names + ")");
}

}  // namespace las::opt
