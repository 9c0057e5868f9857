// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/ot_output.hpp"

#include <cmath>
#include <limits>

#include "solvers/core/dist_vector.hpp"
#include "solvers/core/error.hpp"
#include "solvers/io/csr_io.hpp"
#include "solvers/io/vector_io.hpp"

namespace las::ot {
namespace {

kernels::Vector to_device(const std::vector<double>& h, const char* label) {
  kernels::Vector d(std::string(label), h.size());
  auto m = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < h.size(); ++i) m(i) = h[i];
  Kokkos::deep_copy(d, m);
  return d;
}

// A distributed vector holding `local` (this rank's consecutive block).
DistVector dist_from(const Comm& comm, const double* local, size_t count, const char* label) {
  DistVector v(comm, static_cast<long long>(count), label);
  auto h = Kokkos::create_mirror_view(v.view());
  for (size_t i = 0; i < count; ++i) h(i) = local[i];
  Kokkos::deep_copy(v.view(), h);
  return v;
}

// One number as a 1-entry dataset (rank 0 holds it).
void write_scalar(io::OutputFile& out, const std::string& name, double value) {
  const Comm& comm = out.comm();
  io::write_vector(out, name, dist_from(comm, &value, comm.is_root() ? 1 : 0, "las::ot_scalar"));
}

// Rank 0's whole history as a dataset.
void write_history(io::OutputFile& out, const std::string& name, const std::vector<double>& h) {
  const Comm& comm = out.comm();
  io::write_vector(out, name, dist_from(comm, h.data(), comm.is_root() ? h.size() : 0, "las::ot_history"));
}

// Σ of the plan entries with log P_ij < log_threshold on this rank's rows.
template <class Cost>
double dropped_local(const Cost& cost, size_t rows, size_t cols, double eta,
                     const kernels::ConstVector& x, const kernels::ConstVector& y,
                     double log_threshold) {
  double total = 0;
  Kokkos::parallel_reduce(
      "las::ot_dropped_mass", Kokkos::RangePolicy<kernels::ExecSpace>(0, rows),
      KOKKOS_LAMBDA(size_t i, double& acc) {
        for (size_t j = 0; j < cols; ++j) {
          const double a = eta * (x(i) + y(j) - cost(i, j)) - 1.0;
          if (a < log_threshold) acc += kernels::exp_or_zero(a);
        }
      },
      total);
  return total;
}

}  // namespace

SparsePlan sparse_plan(const OtProblem& p, double eta, const std::vector<double>& x,
                       const std::vector<double>& y, double threshold) {
  LAS_CHECK(x.size() == static_cast<size_t>(p.local_rows()),
            "sparse_plan: " << x.size() << " row potentials for " << p.local_rows() << " rows");
  LAS_CHECK(y.size() == static_cast<size_t>(p.cols()),
            "sparse_plan: " << y.size() << " column potentials for " << p.cols() << " columns");
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double log_threshold =
      threshold > 0 ? std::log(threshold) : -std::numeric_limits<double>::infinity();
  const kernels::Vector dx = to_device(x, "las::ot_plan_x"), dy = to_device(y, "las::ot_plan_y");
  kernels::OffsetArray counts("las::ot_plan_counts", m);
  kernels::OffsetArray row_ptr("las::ot_plan_rows", m + 1);
  p.visit_cost([&](const auto& cost) {
    kernels::ot_count_above(cost, m, n, eta, dx, dy, log_threshold, counts);
  });
  const size_t nnz = kernels::ot_row_offsets(counts, row_ptr);
  kernels::IndexArray cols("las::ot_plan_cols", nnz);
  kernels::ValueArray vals("las::ot_plan_vals", nnz);
  p.visit_cost([&](const auto& cost) {
    kernels::ot_gather_above(cost, m, n, eta, dx, dy, log_threshold, row_ptr, cols, vals);
  });
  double dropped = 0;
  if (threshold > 0)
    dropped = p.visit_cost(
        [&](const auto& cost) { return dropped_local(cost, m, n, eta, dx, dy, log_threshold); });

  SparsePlan plan;
  plan.rows.global_rows = p.rows();
  plan.rows.global_cols = p.cols();
  plan.rows.row_offset = p.row_offset();
  auto hp = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), row_ptr);
  auto hc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), cols);
  auto hv = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), vals);
  plan.rows.row_ptr.assign(hp.data(), hp.data() + hp.extent(0));
  plan.rows.cols.assign(hc.data(), hc.data() + hc.extent(0));
  plan.rows.values.assign(hv.data(), hv.data() + hv.extent(0));
  double kept = 0;
  for (double v : plan.rows.values) kept += v;
  plan.kept_mass = p.comm().sum(kept);
  plan.dropped_mass = p.comm().sum(dropped);
  plan.entries = p.comm().sum(static_cast<long long>(nnz));
  return plan;
}

void write_result(io::OutputFile& out, const std::string& group, const OtProblem& p, double eta,
                  const OtResult& r, double plan_threshold) {
  const Comm& comm = out.comm();
  const std::string g = group + "/";
  write_scalar(out, g + "transport_cost", r.transport_cost);
  write_scalar(out, g + "entropic_cost", r.entropic_cost);
  write_scalar(out, g + "dual_value", r.dual_value);
  write_scalar(out, g + "marginal_error", r.report.final_residual);
  write_scalar(out, g + "row_error", r.row_error);
  write_scalar(out, g + "col_error", r.col_error);
  write_scalar(out, g + "eta", eta);
  write_scalar(out, g + "iterations", double(r.report.iterations));
  io::write_vector(out, g + "x", dist_from(comm, r.x.data(), r.x.size(), "las::ot_x"));
  LAS_CHECK(r.y.size() == static_cast<size_t>(p.cols()), "write_result: y has " << r.y.size()
                                                             << " entries, expected " << p.cols());
  io::write_vector(out, g + "y",
                   dist_from(comm, r.y.data() + p.col_offset(), static_cast<size_t>(p.local_cols()),
                             "las::ot_y"));
  const SparsePlan plan = sparse_plan(p, eta, r.x, r.y, plan_threshold);
  write_scalar(out, g + "plan_threshold", plan_threshold);
  write_scalar(out, g + "plan_kept_mass", plan.kept_mass);
  write_scalar(out, g + "plan_dropped_mass", plan.dropped_mass);
  io::write_csr(out, g + "plan", plan.rows);
  write_history(out, g + "history/marginal_error", r.report.residual_history);
  write_history(out, g + "history/seconds", r.history_seconds);
}

void write_weights(io::OutputFile& out, const OtProblem& p) {
  const Comm& comm = out.comm();
  auto hr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), p.row_weights());
  auto hc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), p.col_weights());
  io::write_vector(out, "r", dist_from(comm, hr.data(), hr.extent(0), "las::ot_r"));
  io::write_vector(out, "c",
                   dist_from(comm, hc.data() + p.col_offset(), static_cast<size_t>(p.local_cols()),
                             "las::ot_c"));
}

}  // namespace las::ot
