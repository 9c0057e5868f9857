// SPDX-License-Identifier: BSD-3-Clause
#include "apps/poisson/poisson_system.hpp"

#include "apps/common/grid_from_deck.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/csr_io.hpp"
#include "solvers/io/matrix_market.hpp"
#include "solvers/problems/coefficient_field.hpp"
#include "solvers/problems/poisson_problem.hpp"
#include "solvers/problems/stencil_assembly.hpp"

namespace las::poisson {
namespace {

// CG needs a symmetric matrix; a relative defect above round-off is a user error.
constexpr double kSymmetryTolerance = 1e-12;

CoefficientSpec coefficient_spec(const config::Deck& d) {
  CoefficientSpec s;
  s.kind = d.get_string("coefficient.kind");
  s.value = d.get_real("coefficient.value");
  s.contrast = d.get_real("coefficient.contrast");
  s.count = static_cast<int>(d.get_int("coefficient.count"));
  s.radius = d.get_real("coefficient.radius");
  s.seed = static_cast<std::uint64_t>(d.get_int("coefficient.seed"));
  s.layers = static_cast<int>(d.get_int("coefficient.layers"));
  s.file = d.get_string("coefficient.file");
  s.dataset = d.get_string("coefficient.dataset");
  if (s.kind == "file" && s.file.empty()) d.fail("coefficient.file", "kind 'file' needs a file name");
  return s;
}

std::string resolve_rhs(const config::Deck& d, bool grid, bool constant) {
  std::string rhs = d.get_string("problem.rhs");
  if (rhs == "auto") return grid ? (constant ? "manufactured" : "unit_load") : "a_times_ones";
  if (rhs == "manufactured" && !(grid && constant))
    d.fail("problem.rhs", "a manufactured solution needs a grid problem with a constant coefficient");
  if (rhs == "unit_load" && !grid) d.fail("problem.rhs", "unit_load needs a grid problem");
  return rhs;
}

std::unique_ptr<DistCsrMatrix> read_matrix(const Comm& comm, const config::Deck& d) {
  const std::string source = d.get_string("problem.source");
  const std::string file = d.get_string("problem.matrix_file");
  if (file.empty()) d.fail("problem.matrix_file", "source '" + source + "' needs a matrix file");
  std::unique_ptr<DistCsrMatrix> a;
  try {
    CsrRows rows = source == "matrix_market" ? io::read_matrix_market(comm, file)
                                             : io::read_csr(comm, file, d.get_string("problem.matrix_group"));
    a = std::make_unique<DistCsrMatrix>(comm, rows);
  } catch (const InputError& e) {
    const std::string what = e.what();
    // Reader messages already name the file; the matrix checks do not.
    throw InputError(what.rfind(file, 0) == 0 ? what : file + ": " + what);
  }
  const double defect = a->symmetry_defect();
  if (defect > kSymmetryTolerance)
    throw InputError(file + ": matrix is not symmetric (max |A_ij - A_ji| / max |A_ij| = " +
                     std::to_string(defect) + "); CG needs a symmetric positive definite matrix");
  return a;
}

}  // namespace

PoissonSystem build_system(const Comm& comm, const config::Deck& d, bool assemble) {
  PoissonSystem s;
  const bool grid = d.get_string("problem.source") == "grid";
  if (!grid) {
    if (!d.get_string("output.file").empty())
      d.fail("output.file", "field output needs a grid problem (problem.source = grid)");
    s.matrix = read_matrix(comm, d);
    s.las_operator = s.matrix.get();
    s.rhs_kind = resolve_rhs(d, false, false);
    s.description = s.matrix->description() + " from " + d.get_string("problem.matrix_file");
  } else {
    s.grid = app::grid_from_deck(comm, d);
    const CoefficientSpec coef = coefficient_spec(d);
    const double shift = d.get_real("problem.shift");
    const bool constant = coef.kind == "constant";
    s.stencil = constant ? std::make_unique<StencilOperator>(*s.grid, coef.value, shift)
                         : std::make_unique<StencilOperator>(*s.grid, make_coefficient(*s.grid, coef), shift);
    s.rhs_kind = resolve_rhs(d, true, constant && shift == 0);
    if (assemble || d.get_string("las.operator") == "csr")
      s.matrix = std::make_unique<DistCsrMatrix>(comm, assemble_stencil(*s.stencil));
    s.las_operator = d.get_string("las.operator") == "csr" ? static_cast<const LinearOperator*>(s.matrix.get())
                                                           : s.stencil.get();
    s.description = s.las_operator->description() + ", k " + coef.kind;
  }

  if (s.rhs_kind == "manufactured") {
    s.b = manufactured_rhs(*s.grid, d.get_real("coefficient.value"));
    s.reference = manufactured_solution(*s.grid);
  } else if (s.rhs_kind == "unit_load") {
    s.b = constant_vector(*s.grid, 1.0);
  } else {
    DistVector ones = s.las_operator->create_vector("las::ones");
    fill(ones, 1.0);
    s.b = s.las_operator->create_vector("las::rhs");
    s.las_operator->apply(ones, s.b);
    s.reference = ones;
  }
  return s;
}

}  // namespace las::poisson
