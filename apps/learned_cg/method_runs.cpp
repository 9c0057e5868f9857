// SPDX-License-Identifier: BSD-3-Clause
#include "apps/learned_cg/method_runs.hpp"

#include <algorithm>

#include "apps/common/comma_list.hpp"
#include "solvers/core/error.hpp"
#include "solvers/krylov/cg.hpp"
#include "solvers/krylov/dcdm.hpp"
#include "solvers/krylov/fcg.hpp"
#ifdef LAS_HAVE_PETSC
#include "solvers/anchors/petsc_anchor.hpp"
#endif

namespace las::learned_cg {
namespace {

const std::vector<std::string> kMethods = {"dcdm", "fcg", "cg", "jacobi_pcg", "petsc_icc", "petsc_gamg"};

std::string known_methods() {
  std::string out;
  for (const auto& m : kMethods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

template <class Options>
void direction_settings(Options& o, const LearnedCgSystem& sys, const MethodSettings& s) {
  o.rtol = s.rtol;
  o.max_iterations = s.max_iterations;
  o.refresh_every = s.refresh_every;
  o.stagnation_window = s.stagnation_window;
  if (sys.mask) o.domain.mask = sys.mask->clone();
}

#ifdef LAS_HAVE_PETSC
// ICC is sequential in PETSc: on more ranks it runs per rank inside block Jacobi.
MethodResult run_petsc(const std::string& method, const LearnedCgSystem& sys, const MethodSettings& s) {
  PetscKspOptions po;
  po.ksp_type = "cg";
  po.rtol = s.rtol;
  po.max_iterations = s.max_iterations;
  std::string label = "petsc cg+gamg";
  if (method == "petsc_gamg") {
    po.pc_type = "gamg";
  } else if (sys.grid->comm().size() == 1) {
    po.pc_type = "icc";
    label = "petsc cg+icc";
  } else {
    po.pc_type = "bjacobi";
    po.options = "-sub_pc_type icc";
    label = "petsc cg+bjacobi/icc";
  }
  DistVector x = sys.matrix->create_vector("las::x_petsc");
  return {method, label, solve_with_petsc(*sys.matrix, sys.b, x, po)};
}
#endif

}  // namespace

std::vector<std::string> parse_methods(const config::Deck& deck) {
  std::vector<std::string> methods;
  for (const std::string& name : app::split_comma_list(deck.get_string("methods"))) {
    if (std::find(kMethods.begin(), kMethods.end(), name) == kMethods.end())
      deck.fail("methods", "unknown method '" + name + "' (known: " + known_methods() + ")");
    if (std::find(methods.begin(), methods.end(), name) != methods.end())
      deck.fail("methods", "method '" + name + "' is listed twice");
#ifndef LAS_HAVE_PETSC
    if (name.rfind("petsc_", 0) == 0) deck.fail("methods", "'" + name + "' needs a build with PETSc");
#endif
    methods.push_back(name);
  }
  if (methods.empty()) deck.fail("methods", "names no method (known: " + known_methods() + ")");
  return methods;
}

bool needs_network(const std::vector<std::string>& methods) {
  return std::any_of(methods.begin(), methods.end(), [](const std::string& m) { return m == "dcdm" || m == "fcg"; });
}

bool needs_petsc(const std::vector<std::string>& methods) {
  return std::any_of(methods.begin(), methods.end(), [](const std::string& m) { return m.rfind("petsc_", 0) == 0; });
}

MethodSettings method_settings(const config::Deck& deck) {
  MethodSettings s;
  const auto rtols = deck.get_real_list("rtols");
  if (rtols.empty()) deck.fail("rtols", "needs at least one tolerance");
  s.rtol = *std::min_element(rtols.begin(), rtols.end());
  s.max_iterations = static_cast<int>(deck.get_int("solver.max_iterations"));
  s.kept_directions = static_cast<int>(deck.get_int("solver.kept_directions"));
  s.fcg_truncation = static_cast<int>(deck.get_int("solver.fcg_truncation"));
  s.refresh_every = static_cast<int>(deck.get_int("solver.refresh_every"));
  s.stagnation_window = static_cast<int>(deck.get_int("solver.stagnation_window"));
  return s;
}

MethodResult run_method(const std::string& method, const LearnedCgSystem& sys, const nn::NetworkPreconditioner* net,
                        const MethodSettings& s) {
  if (method == "dcdm" || method == "fcg") {
    DistVector x = sys.stencil->create_vector("las::x");
    LAS_CHECK(net != nullptr, "run_method: " << method << " needs the network");
    if (method == "dcdm") {
      DcdmOptions o;
      direction_settings(o, sys, s);
      o.kept_directions = s.kept_directions;
      SolveReport r = solve_dcdm(*sys.stencil, *net, sys.b, x, o);
      return {method, r.method, r};
    }
    FcgOptions o;
    direction_settings(o, sys, s);
    o.truncation = s.fcg_truncation;
    SolveReport r = solve_fcg(*sys.stencil, *net, sys.b, x, o);
    return {method, r.method + " + network", r};
  }
  if (method == "cg" || method == "jacobi_pcg") {
    CgOptions o;
    o.rtol = s.rtol;
    o.max_iterations = s.max_iterations;
    o.preconditioner = method == "cg" ? CgPreconditioner::None : CgPreconditioner::Jacobi;
    const LinearOperator& a = sys.cg_operator();
    DistVector xc = a.create_vector("las::x");
    SolveReport r = solve_cg(a, sys.b, xc, o);
    return {method, method == "cg" ? "las cg" : "las jacobi-pcg", r};
  }
#ifdef LAS_HAVE_PETSC
  return run_petsc(method, sys, s);
#else
  throw Error("run_method: '" + method + "' needs a build with PETSc");
#endif
}

}  // namespace las::learned_cg
