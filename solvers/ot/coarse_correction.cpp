// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/ot/coarse_correction.hpp"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "kernels/batched_cholesky.hpp"
#include "kernels/ot_coarse.hpp"

namespace las::ot {
namespace {

// Union-find whose root is the smallest index of its set (columns are numbered before
// rows, so a component's root is its first column when it has one).
class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int find(int a) {
    while (parent_[a] != a) a = parent_[a] = parent_[parent_[a]];
    return a;
  }
  void unite(int a, int b) {
    a = find(a);
    b = find(b);
    if (a < b) parent_[b] = a;
    if (b < a) parent_[a] = b;
  }

 private:
  std::vector<int> parent_;
};

kernels::Array<int> to_device(const std::vector<int>& host, const char* label) {
  kernels::Array<int> d(std::string(label), host.size());
  auto h = Kokkos::create_mirror_view(d);
  for (size_t i = 0; i < host.size(); ++i) h(i) = host[i];
  Kokkos::deep_copy(d, h);
  return d;
}

// F(s) of the header, its gradient and minus its Hessian, on host: Q is K x K.
struct CoarseDual {
  int groups;
  double eta;
  std::vector<double> b, q;

  double value(const std::vector<double>& s) const {
    double f = 0;
    for (int k = 0; k < groups; ++k) {
      f += s[k] * b[k];
      for (int l = 0; l < groups; ++l)
        if (l != k) f -= q[k * groups + l] * std::exp(eta * (s[k] - s[l])) / eta;
    }
    return f;
  }
  // Gradient and minus the Hessian in the first K - 1 unknowns (s_{K-1} = 0 fixes the
  // gauge: F(s + t 1) = F(s) + t Σ b and Σ b = 0).
  void derivatives(const std::vector<double>& s, std::vector<double>& g,
                   Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> a) const {
    const int n = groups - 1;
    g.assign(b.begin(), b.begin() + n);
    Kokkos::deep_copy(a, 0.0);
    for (int k = 0; k < groups; ++k)
      for (int l = 0; l < groups; ++l) {
        if (l == k) continue;
        const double out = q[k * groups + l] * std::exp(eta * (s[k] - s[l]));  // k -> l
        if (k < n) g[k] -= out;
        if (l < n) g[l] += out;
        if (k < n) a(k, k) += eta * out;
        if (l < n) a(l, l) += eta * out;
        if (k < n && l < n) {
          a(k, l) -= eta * out;
          a(l, k) -= eta * out;
        }
      }
  }
};

// Maximises F by Newton's method with a backtracking line search; returns the shifts.
std::vector<double> solve_coarse_dual(const CoarseDual& dual, double max_exponent_step) {
  const int n = dual.groups - 1;
  std::vector<double> s(dual.groups, 0.0), g, d(n), trial;
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> a("las::ot_coarse_hessian", n, n);
  double g0 = -1;
  for (int it = 0; it < 100; ++it) {
    dual.derivatives(s, g, a);
    double gnorm = 0;
    for (double v : g) gnorm += std::abs(v);
    if (g0 < 0) g0 = gnorm;
    if (!(gnorm > 1e-12 * g0)) break;
    // A component with no mass to the others makes the Hessian singular (and its b is
    // then zero up to rounding): a relative ridge keeps the factorisation defined.
    double trace = 0;
    for (int k = 0; k < n; ++k) trace += a(k, k);
    for (int k = 0; k < n; ++k) a(k, k) += 1e-13 * trace / n + 1e-300;
    if (!kernels::cholesky_factor_in_place(a, n)) break;
    auto x = Kokkos::View<double*, Kokkos::HostSpace>(d.data(), n);
    for (int k = 0; k < n; ++k) x(k) = g[k];
    kernels::cholesky_solve_in_place(a, x, n);
    double longest = 0, slope = 0;
    for (int k = 0; k < n; ++k) {
      longest = std::max(longest, std::abs(d[k]));
      slope += g[k] * d[k];
    }
    double step = std::min(1.0, max_exponent_step / (dual.eta * longest));
    const double f = dual.value(s);
    bool accepted = false;
    for (int h = 0; h < 60 && !accepted; ++h, step *= 0.5) {
      trial = s;
      for (int k = 0; k < n; ++k) trial[k] += step * d[k];
      accepted = dual.value(trial) >= f + 1e-4 * step * slope;
    }
    if (!accepted) break;
    s = trial;
  }
  return s;
}

}  // namespace

PlanGroups kept_components(const DualState& state, const NewtonWorkspace& ws) {
  const OtProblem& p = state.problem();
  const int m = static_cast<int>(p.local_rows()), n = static_cast<int>(p.cols());
  auto row_ptr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), ws.row_ptr);
  const size_t kept = m > 0 ? row_ptr(m) : 0;
  auto cols = Kokkos::create_mirror_view_and_copy(
      Kokkos::HostSpace(), Kokkos::subview(ws.cols, std::make_pair(size_t(0), kept)));

  // Rows and columns P_s keeps nothing of (their mass is spread thin) join the component
  // of their largest entry, found over all ranks for a column.
  kernels::Array<int> row_best("las::ot_row_best", m), col_best("las::ot_col_best", n);
  kernels::Vector col_exponent("las::ot_col_exponent", n);
  p.visit_cost([&](const auto& cost) {
    kernels::ot_largest_entries(cost, m, n, state.eta(), state.x(), state.y(), row_best, col_best,
                                col_exponent);
  });
  auto h_row_best = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), row_best);
  auto h_col_best = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), col_best);
  auto h_col_exponent = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), col_exponent);
  struct Largest {
    double exponent;
    int row;
  };
  std::vector<Largest> largest(n);
  std::vector<int> col_kept(n, 0);
  const int offset = static_cast<int>(p.row_offset());
  for (int j = 0; j < n; ++j) largest[j] = {h_col_exponent(j), offset + h_col_best(j)};
  for (size_t e = 0; e < kept; ++e) col_kept[cols(e)] = 1;
  MPI_Allreduce(MPI_IN_PLACE, largest.data(), n, MPI_DOUBLE_INT, MPI_MAXLOC, p.comm().get());
  MPI_Allreduce(MPI_IN_PLACE, col_kept.data(), n, MPI_INT, MPI_MAX, p.comm().get());
  auto join_edges = [&](DisjointSets& sets) {
    for (int i = 0; i < m; ++i) {
      for (size_t e = row_ptr(i); e < row_ptr(i + 1); ++e) sets.unite(n + i, cols(e));
      if (row_ptr(i) == row_ptr(i + 1)) sets.unite(n + i, h_row_best(i));
    }
    for (int j = 0; j < n; ++j) {
      const int i = largest[j].row - offset;
      if (!col_kept[j] && i >= 0 && i < m) sets.unite(n + i, j);
    }
  };

  // Each rank joins columns through its own rows; a column's label is the smallest column
  // of its component, minimised over ranks and fed back until no rank changes one.
  std::vector<int> col_label(n), next(n), row_root(m);
  std::iota(col_label.begin(), col_label.end(), 0);
  for (;;) {
    DisjointSets sets(size_t(n) + size_t(m));
    for (int j = 0; j < n; ++j) sets.unite(j, col_label[j]);
    join_edges(sets);
    for (int j = 0; j < n; ++j) next[j] = sets.find(j);
    for (int i = 0; i < m; ++i) row_root[i] = sets.find(n + i);  // a column: every row has one
    MPI_Allreduce(MPI_IN_PLACE, next.data(), n, MPI_INT, MPI_MIN, p.comm().get());
    if (next == col_label) break;  // the same on every rank: labels are replicated
    col_label.swap(next);
  }
  std::vector<int> id(n, -1);
  PlanGroups g;
  for (int j = 0; j < n; ++j)
    if (col_label[j] == j) id[j] = g.count++;
  if (g.count > kernels::kOtMaxGroups) return g;
  std::vector<int> row_group(m), col_group(n);
  for (int j = 0; j < n; ++j) col_group[j] = id[col_label[j]];
  for (int i = 0; i < m; ++i) row_group[i] = id[col_label[row_root[i]]];
  g.rows = to_device(row_group, "las::ot_row_groups");
  g.cols = to_device(col_group, "las::ot_col_groups");
  return g;
}

CoarseStep coarse_correction(DualState& state, const PlanGroups& groups, double max_exponent_step) {
  const OtProblem& p = state.problem();
  const int count = groups.count;
  CoarseStep step;
  if (count < 2 || count > kernels::kOtMaxGroups || groups.rows.extent(0) != size_t(p.local_rows()))
    return step;
  const size_t m = static_cast<size_t>(p.local_rows()), n = static_cast<size_t>(p.cols());
  const double eta = state.eta();

  CoarseDual dual{count, eta, std::vector<double>(count, 0.0), {}};
  kernels::Vector q("las::ot_group_coupling", size_t(count) * count);
  p.visit_cost([&](const auto& cost) {
    kernels::ot_group_coupling(cost, m, n, eta, state.x(), state.y(), groups.rows, groups.cols,
                               count, q);
  });
  auto hq = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), q);
  dual.q.assign(hq.data(), hq.data() + hq.extent(0));
  auto r = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), p.row_weights());
  auto c = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), p.col_weights());
  auto rg = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), groups.rows);
  auto cg = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), groups.cols);
  for (size_t i = 0; i < m; ++i) dual.b[rg(i)] += r(i);
  // Q and the row masses are sums over ranks; the columns are the same on every rank.
  dual.b.insert(dual.b.end(), dual.q.begin(), dual.q.end());
  p.comm().sum_in_place(dual.b);
  dual.q.assign(dual.b.begin() + count, dual.b.end());
  dual.b.resize(count);
  for (size_t j = 0; j < n; ++j) dual.b[cg(j)] -= c(j);

  const std::vector<double> s = solve_coarse_dual(dual, max_exponent_step);
  // Entries inside a group do not change, so F(s) - F(0) is f's exact gain, free of the
  // rounding of f's m·n terms (which would hide it: the groups exchange little mass).
  if (!(dual.value(s) > dual.value(std::vector<double>(count, 0.0)))) return step;
  kernels::Vector shift("las::ot_group_shift", count);
  auto hs = Kokkos::create_mirror_view(shift);
  for (int k = 0; k < count; ++k) hs(k) = s[k];
  Kokkos::deep_copy(shift, hs);
  kernels::Vector x("las::ot_coarse_x", m), y("las::ot_coarse_y", n);
  Kokkos::deep_copy(x, state.x());
  Kokkos::deep_copy(y, state.y());
  kernels::ot_shift_groups(shift, groups.rows, groups.cols, x, y);
  PlanSums trial = state.evaluate(x, y, true);
  if (!std::isfinite(trial.error())) return step;
  state.accept(x, y, trial);
  step.taken = true;
  step.sums = std::move(trial);
  return step;
}

}  // namespace las::ot
