// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/sparse_newton.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "kernels/blas1.hpp"
#include "kernels/ot.hpp"
#include "solvers/core/error.hpp"
#include "solvers/ot/detail/collectives.hpp"

namespace las::ot {
namespace {

using Range = std::pair<size_t, size_t>;

Range x_part(const OtProblem& p) { return {0, static_cast<size_t>(p.local_rows())}; }
Range y_part(const OtProblem& p) {
  return {static_cast<size_t>(p.local_rows()),
          static_cast<size_t>(p.local_rows() + p.local_cols())};
}
Range col_block(const OtProblem& p) {
  return {static_cast<size_t>(p.col_offset()),
          static_cast<size_t>(p.col_offset() + p.local_cols())};
}

// A view of at least `size` entries: `v` itself when it is large enough, else a fresh one
// with a quarter to spare (left uninitialised: every entry used is written before it is
// read).
template <class View>
void ensure_capacity(View& v, size_t size, const char* label) {
  if (v.extent(0) >= size) return;
  v = View(Kokkos::view_alloc(Kokkos::WithoutInitializing, std::string(label)), size + size / 4);
}

void ensure_rows(kernels::OffsetArray& counts, kernels::OffsetArray& row_ptr, size_t m) {
  if (counts.extent(0) == m && row_ptr.extent(0) == m + 1) return;
  counts = kernels::OffsetArray("las::ot_kept_counts", m);
  row_ptr = kernels::OffsetArray("las::ot_kept_rows", m + 1);
}

// This rank's rows of P with log P_ij >= log_threshold, as a local CSR block over all
// columns, in the workspace's arrays: count, scan, fill (two passes, the first without
// exps).
KeptEntries gather_kept(const DualState& s, double log_threshold, NewtonWorkspace& ws) {
  const OtProblem& p = s.problem();
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double eta = s.eta();
  ensure_rows(ws.row_counts, ws.row_ptr, m);
  p.visit_cost([&](const auto& cost) {
    kernels::ot_count_above(cost, m, n, eta, s.x(), s.y(), log_threshold, ws.row_counts);
  });
  const size_t nnz = kernels::ot_row_offsets(ws.row_counts, ws.row_ptr);
  ensure_capacity(ws.cols, nnz, "las::ot_kept_cols");
  ensure_capacity(ws.values, nnz, "las::ot_kept_vals");
  p.visit_cost([&](const auto& cost) {
    kernels::ot_gather_above(cost, m, n, eta, s.x(), s.y(), log_threshold, ws.row_ptr, ws.cols,
                             ws.values);
  });
  KeptEntries k;
  k.row_begin = Kokkos::subview(ws.row_ptr, Range(0, m));
  k.row_end = Kokkos::subview(ws.row_ptr, Range(1, m + 1));
  k.cols = ws.cols;
  k.values = ws.values;
  k.count = nnz;
  return k;
}

}  // namespace

SparsifiedHessian::SparsifiedHessian(const OtProblem& problem, double eta, const PlanSums& sums,
                                     KeptEntries p_kept)
    : problem_(&problem), eta_(eta), p_kept_(std::move(p_kept)) {
  const OtProblem& p = problem;
  scaled_diagonal_ = kernels::Vector("las::ot_hessian_diag",
                                     static_cast<size_t>(p.local_rows() + p.local_cols()));
  Kokkos::deep_copy(Kokkos::subview(scaled_diagonal_, x_part(p)), sums.row_sums);
  Kokkos::deep_copy(Kokkos::subview(scaled_diagonal_, y_part(p)),
                    Kokkos::subview(sums.col_sums, col_block(p)));
  kernels::scale(eta, scaled_diagonal_);
  y_full_ = kernels::Vector("las::ot_hessian_y", static_cast<size_t>(p.cols()));
  transposed_ = kernels::Vector("las::ot_hessian_t", static_cast<size_t>(p.cols()));
  transposed_block_ = kernels::Vector("las::ot_hessian_tb", static_cast<size_t>(p.local_cols()));
  kept_ = p.comm().sum(static_cast<long long>(p_kept_.count));
}

DistVector SparsifiedHessian::create_vector(const std::string& label) const {
  return DistVector(comm(), problem_->local_rows() + problem_->local_cols(), label);
}

void SparsifiedHessian::apply(const DistVector& v, DistVector& out) const {
  const OtProblem& p = *problem_;
  const bool one_rank = p.comm().size() == 1;
  auto vx = Kokkos::subview(v.view(), x_part(p));
  auto vy = Kokkos::subview(v.view(), y_part(p));
  auto ox = Kokkos::subview(out.view(), x_part(p));
  auto oy = Kokkos::subview(out.view(), y_part(p));
  // P_s v_y needs every column's v_y (an all-gather); P_sᵀ v_x gets contributions from
  // every rank to every column (a reduce-scatter). Both come from one pass over P_s. On
  // one rank the blocks are the whole vectors and need no copies.
  kernels::ConstVector vy_full = vy;
  if (!one_rank) {
    detail::allgather_blocks(p.comm(), vy, y_full_);
    vy_full = y_full_;
  }
  kernels::ot_newton_apply_rows(
      p_kept_.row_begin, p_kept_.row_end, p_kept_.cols, p_kept_.values, eta_,
      Kokkos::subview(scaled_diagonal_, x_part(p)), vx, vy_full, ox, transposed_);
  kernels::ConstVector col_block = transposed_;
  if (!one_rank) {
    detail::reduce_scatter_blocks(p.comm(), transposed_, transposed_block_);
    col_block = transposed_block_;
  }
  kernels::ot_newton_apply_cols(Kokkos::subview(scaled_diagonal_, y_part(p)), vy, col_block, oy);
}

void SparsifiedHessian::diagonal(DistVector& d) const {
  Kokkos::deep_copy(d.view(), scaled_diagonal_);
}

std::string SparsifiedHessian::description() const {
  std::ostringstream os;
  os << "sparsified OT Hessian, " << global_rows() << " rows, " << kept_ << " kept plan entries";
  return os.str();
}

void project_out_gauge(const OtProblem& p, DistVector& v) {
  auto vx = Kokkos::subview(v.view(), x_part(p));
  auto vy = Kokkos::subview(v.view(), y_part(p));
  const double u_dot_v = p.comm().sum(kernels::sum(vx) - kernels::sum(vy));
  const double t = u_dot_v / static_cast<double>(p.rows() + p.cols());
  Kokkos::parallel_for(
      "las::ot_project_gauge", Kokkos::RangePolicy<kernels::ExecSpace>(0, vx.extent(0)),
      KOKKOS_LAMBDA(size_t i) { vx(i) -= t; });
  Kokkos::parallel_for(
      "las::ot_project_gauge", Kokkos::RangePolicy<kernels::ExecSpace>(0, vy.extent(0)),
      KOKKOS_LAMBDA(size_t i) { vy(i) += t; });
}

NewtonDirection newton_direction(const DualState& s, const PlanSums& sums, double density,
                                 const CgOptions& cg) {
  NewtonWorkspace workspace;
  return newton_direction(s, sums, density, cg, workspace);
}

NewtonDirection newton_direction(const DualState& s, const PlanSums& sums, double density,
                                 const CgOptions& cg, NewtonWorkspace& workspace) {
  const OtProblem& p = s.problem();
  LAS_CHECK(!sums.histogram.empty(), "newton_direction needs the plan's log histogram");
  const long long keep = std::max<long long>(
      1, static_cast<long long>(std::ceil(density * double(p.rows()) * double(p.cols()))));
  SparsifiedHessian m(p, s.eta(), sums,
                      gather_kept(s, select_log_threshold(sums, keep), workspace));

  // ∇f = (r - P1, c - Pᵀ1) in the operator's layout.
  DistVector grad = m.create_vector("las::ot_gradient");
  auto gx = Kokkos::subview(grad.view(), x_part(p));
  auto gy = Kokkos::subview(grad.view(), y_part(p));
  kernels::axpbyz(1.0, p.row_weights(), -1.0, sums.row_sums, gx);
  kernels::axpbyz(1.0, Kokkos::subview(p.col_weights(), col_block(p)), -1.0,
                  Kokkos::subview(sums.col_sums, col_block(p)), gy);
  project_out_gauge(p, grad);  // zero already when Σr = Σc; this removes the rounding

  DistVector step = m.create_vector("las::ot_newton_step");
  CgOptions o = cg;
  o.preconditioner = CgPreconditioner::Jacobi;  // diagonals span many orders of magnitude
  NewtonDirection d;
  d.cg = solve_cg(m, grad, step, o);
  project_out_gauge(p, step);
  d.slope = dot(grad, step);
  d.kept = m.kept();
  d.dx = kernels::Vector("las::ot_dx", static_cast<size_t>(p.local_rows()));
  d.dy = kernels::Vector("las::ot_dy", static_cast<size_t>(p.cols()));
  Kokkos::deep_copy(d.dx, Kokkos::subview(step.view(), x_part(p)));
  detail::allgather_blocks(p.comm(), Kokkos::subview(step.view(), y_part(p)), d.dy);
  return d;
}

}  // namespace las::ot
