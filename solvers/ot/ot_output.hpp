// SPDX-License-Identifier: BSD-3-Clause
// Writing an entropic-OT solution to parallel HDF5: costs, marginal errors, the dual
// potentials as distributed vectors and the plan's entries above a threshold as a
// distributed CSR (io::write_csr), so a reader can check the plan against r and c.
#pragma once

#include <string>
#include <vector>

#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/io/output_file.hpp"
#include "solvers/ot/ot_solve.hpp"

namespace las::ot {

/// This rank's rows of the plan P_ij = exp(eta (x_i + y_j - C_ij) - 1) with the entries
/// P_ij >= threshold (all entries when threshold <= 0), in global column indices.
struct SparsePlan {
  CsrRows rows;
  double kept_mass = 0;     ///< Σ of the kept entries over all ranks
  double dropped_mass = 0;  ///< Σ of the entries below the threshold over all ranks
  long long entries = 0;    ///< kept entries over all ranks
};

/// Collective. x: this rank's rows' potentials; y: every column's (as OtResult holds them).
SparsePlan sparse_plan(const OtProblem& problem, double eta, const std::vector<double>& x,
                       const std::vector<double>& y, double threshold);

/// Collective: writes `result` (solved at inverse temperature `eta`) as group `group` of
/// `out`:
///   transport_cost, entropic_cost, dual_value, marginal_error, row_error, col_error,
///   eta, iterations, plan_threshold, plan_kept_mass, plan_dropped_mass  (1-entry datasets)
///   x [rows], y [cols]              the dual potentials (rows, columns in block order)
///   plan/                           entries >= plan_threshold (io::write_csr layout)
///   history/marginal_error, history/seconds   one entry per recorded iteration
/// A plan read back has row and column sums within row_error + plan_dropped_mass and
/// col_error + plan_dropped_mass of r and c.
void write_result(io::OutputFile& out, const std::string& group, const OtProblem& problem,
                  double eta, const OtResult& result, double plan_threshold);

/// Collective: the weights as root datasets `r` [rows] and `c` [cols] (c as the solver
/// uses it, rescaled to Σr), so an output file is also a weights input.
void write_weights(io::OutputFile& out, const OtProblem& problem);

}  // namespace las::ot
