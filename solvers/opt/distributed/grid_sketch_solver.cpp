// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/distributed/grid_sketch_solver.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"
#include "solvers/learning/small_lsq.hpp"
#include "solvers/opt/distributed/counter_normal.hpp"

namespace las::opt {
namespace {

std::size_t idx(long long i) { return static_cast<std::size_t>(i); }

const DistVector& block_of(const GridKktVector& v, int block) {
  return block == 0 ? v.w : block == 1 ? v.z : v.lambda;
}

// A KKT vector's three blocks as host views, for the sparse sketches' per-entry work (a
// step touches a few dozen entries). On a host backend they are the vector's own memory
// and the syncs do nothing; on a device they are copies, synced around the applies of K.
struct HostKkt {
  explicit HostKkt(const GridKktVector& v)
      : block{Kokkos::create_mirror_view(v.w.view()), Kokkos::create_mirror_view(v.z.view()),
              Kokkos::create_mirror_view(v.lambda.view())} {}
  void from_device(const GridKktVector& v) const {
    Kokkos::deep_copy(block[0], v.w.view());
    Kokkos::deep_copy(block[1], v.z.view());
    Kokkos::deep_copy(block[2], v.lambda.view());
  }
  void to_device(const GridKktVector& v) const {
    Kokkos::deep_copy(v.w.view(), block[0]);
    Kokkos::deep_copy(v.z.view(), block[1]);
    Kokkos::deep_copy(v.lambda.view(), block[2]);
  }
  double& operator()(int b, long long local) const { return block[b](idx(local)); }
  kernels::Vector::HostMirror block[3];
};

// This rank's part of x·y over the three blocks (the caller sums over ranks).
double local_dot(const GridKktVector& a, const GridKktVector& b) {
  return kernels::dot(a.w.view(), b.w.view()) + kernels::dot(a.z.view(), b.z.view()) +
         kernels::dot(a.lambda.view(), b.lambda.view());
}

// r = K d − b on every entry, and this rank's part of ‖r‖².
double true_residual(const PoissonControlGrid& problem, const GridKktVector& b, const GridKktVector& d,
                     GridKktVector& r) {
  problem.kkt_apply(d, r);
  axpy(-1.0, b, r);
  return local_dot(r, r);
}

// Sketches whose q columns are sparse: column k = Σ_j c_kj e_(i_kj) over a few KKT rows
// i_kj. K is symmetric, so W's column K S_k = Σ_j c_kj K_(i_kj)ᵀ is a short list of
// entries known on every rank in closed form (PoissonControlGrid::kkt_row), and so is
// the q x q Gram matrix WᵀW; only Sᵀr needs r, from the rows' owners.
class SparseColumnStep {
 public:
  // kaczmarz: one unit column, uniform row; kaczmarz_row_norm: one unit column, row i
  // with probability ‖K_i‖² / ‖K‖²_F, from the cumulative squared row norms of every KKT
  // row replicated on each rank (3N² doubles, built once: a draw is then a binary
  // search); block_kaczmarz: q unit columns at distinct uniform rows; sparse_sign: q
  // columns of `nonzeros` entries ±1/√nonzeros at distinct uniform rows.
  SparseColumnStep(const PoissonControlGrid& problem, const SketchOptions& options) : p_(problem), kind_(options.kind) {
    const long long n = p_.kkt_rows();
    const bool one = kind_ == SketchKind::KaczmarzUniform || kind_ == SketchKind::KaczmarzRowNorm;
    columns_.resize(idx(one ? 1 : std::min<long long>(options.block_size, n)));
    nonzeros_ = kind_ == SketchKind::SparseSign ? std::min<long long>(options.sparse_nonzeros, n) : 1;
    if (kind_ != SketchKind::KaczmarzRowNorm) return;
    cumulative_.resize(idx(n));
    double total = 0;
    PoissonControlGrid::RowEntry entries[6];
    for (long long i = 0; i < n; ++i) {
      const int count = p_.kkt_row(i, entries);
      for (int k = 0; k < count; ++k) total += entries[k].value * entries[k].value;
      cumulative_[idx(i)] = total;
    }
  }

  long long columns() const { return static_cast<long long>(columns_.size()); }

  // Draws the next sketch (the same on every rank) and forms W's columns.
  void draw(learning::Rng& rng) {
    const double scale = 1.0 / std::sqrt(static_cast<double>(nonzeros_));
    std::vector<long long> taken;  // rows of this sketch: distinct across block_kaczmarz's columns
    for (Column& column : columns_) {
      if (kind_ == SketchKind::SparseSign) taken.clear();  // distinct within a column
      column.rows.clear();
      column.w.clear();
      for (long long j = 0; j < nonzeros_; ++j) {
        const long long row = draw_row(rng, taken);
        taken.push_back(row);
        const double c = kind_ == SketchKind::SparseSign ? (rng.uniform() < 0.5 ? -scale : scale) : 1.0;
        column.rows.push_back({row, c});
        PoissonControlGrid::RowEntry entries[6];
        const int count = p_.kkt_row(row, entries);
        for (int e = 0; e < count; ++e) column.w.push_back({entries[e].block, entries[e].cell, c * entries[e].value});
      }
    }
  }

  // This rank's share of Sᵀr: the terms whose row's cell it owns.
  void local_sketched_residuals(const HostKkt& r, double* out) const {
    const long long cells = p_.cells();
    for (std::size_t k = 0; k < columns_.size(); ++k) {
      out[k] = 0;
      for (const auto& [row, c] : columns_[k].rows) {
        const long long local = p_.local_index(row % cells);
        if (local >= 0) out[k] += c * r(static_cast<int>(row / cells), local);
      }
    }
  }

  // d ← d − W (WᵀW)⁺ Sᵀr on the entries this rank owns, and r = K d − b with it: a change
  // δ of d's entry j moves r by δ K_j (K symmetric: column j is row j), a few entries, so a
  // step costs O(q s) instead of the O(N²) of recomputing r. local_rr (this rank's ‖r‖²)
  // follows each changed entry.
  void project(const double* sketched, const HostKkt& d, const HostKkt& r, double& local_rr) const {
    const long long q = columns();
    std::vector<double> gram(idx(q * q)), rhs(sketched, sketched + q);
    for (long long a = 0; a < q; ++a)
      for (long long b = 0; b < q; ++b) gram[idx(a * q + b)] = dot(columns_[idx(a)].w, columns_[idx(b)].w);
    const std::vector<double> y = q == 1 ? std::vector<double>{gram[0] > 0 ? rhs[0] / gram[0] : 0.0}
                                         : learning::min_norm_solve(gram, rhs, static_cast<int>(q));
    const long long cells = p_.cells();
    PoissonControlGrid::RowEntry column[6];
    for (long long k = 0; k < q; ++k)
      for (const auto& entry : columns_[idx(k)].w) {
        const double delta = -y[idx(k)] * entry.value;
        const long long local = p_.local_index(entry.cell);
        if (local >= 0) d(entry.block, local) += delta;
        const int count = p_.kkt_row(entry.block * cells + entry.cell, column);
        for (int e = 0; e < count; ++e) {
          const long long local_r = p_.local_index(column[e].cell);
          if (local_r < 0) continue;
          double& entry_r = r(column[e].block, local_r);
          const double before = entry_r;
          entry_r += delta * column[e].value;
          local_rr += entry_r * entry_r - before * before;
        }
      }
  }

 private:
  struct Column {
    std::vector<std::pair<long long, double>> rows;   // (KKT row, coefficient)
    std::vector<PoissonControlGrid::RowEntry> w;      // K S_k, repeated cells not merged
  };

  long long draw_row(learning::Rng& rng, const std::vector<long long>& taken) const {
    const long long n = p_.kkt_rows();
    for (;;) {  // distinct rows: redraw a repeat (the sketch is small against 3N²)
      long long row = 0;
      if (cumulative_.empty()) {
        row = std::min(n - 1, static_cast<long long>(rng.uniform() * static_cast<double>(n)));
      } else {
        const double u = rng.uniform() * cumulative_.back();
        row = std::min<long long>(n - 1, std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                             cumulative_.begin());
      }
      if (std::find(taken.begin(), taken.end(), row) == taken.end()) return row;
    }
  }

  static double dot(const std::vector<PoissonControlGrid::RowEntry>& a,
                    const std::vector<PoissonControlGrid::RowEntry>& b) {
    double sum = 0;
    for (const auto& x : a)
      for (const auto& y : b)
        if (x.block == y.block && x.cell == y.cell) sum += x.value * y.value;
    return sum;
  }

  const PoissonControlGrid& p_;
  SketchKind kind_;
  std::vector<Column> columns_;
  long long nonzeros_ = 1;
  std::vector<double> cumulative_;  // empty: uniform sampling
};

class GaussianStep {
 public:
  GaussianStep(const PoissonControlGrid& problem, int q) : p_(problem), q_(q) {
    for (int k = 0; k < q; ++k) {
      s_.push_back(problem.zero_vector("las::sketch_s"));
      w_.push_back(problem.zero_vector("las::sketch_w"));
    }
    host_ = Kokkos::create_mirror_view(s_[0].w.view());
  }

  // d ← d − W (WᵀW)⁺ Sᵀr with fresh columns S and W = K S.
  void project(const GridKktVector& r, GridKktVector& d, GridSketchStreams& streams) {
    for (int k = 0; k < q_; ++k) {
      draw_column(streams.seed, streams.draws++, s_[idx(k)]);
      p_.kkt_apply(s_[idx(k)], w_[idx(k)]);
    }
    // Local parts of WᵀW (q² entries) and Sᵀr (q), summed in one all-reduce.
    std::vector<double> sums(idx(q_) * idx(q_) + idx(q_));
    for (int i = 0; i < q_; ++i) {
      for (int j = 0; j < q_; ++j) sums[idx(i) * idx(q_) + idx(j)] = local_dot(w_[idx(i)], w_[idx(j)]);
      sums[idx(q_) * idx(q_) + idx(i)] = local_dot(s_[idx(i)], r);
    }
    p_.comm().sum_in_place(sums);
    const std::vector<double> gram(sums.begin(), sums.begin() + q_ * q_);
    const std::vector<double> sketched(sums.begin() + q_ * q_, sums.end());
    if (q_ == 1) {
      if (gram[0] > 0.0) axpy(-sketched[0] / gram[0], w_[0], d);
      return;
    }
    const std::vector<double> y = learning::min_norm_solve(gram, sketched, q_);
    for (int k = 0; k < q_; ++k) axpy(-y[idx(k)], w_[idx(k)], d);
  }

 private:
  // Entry (block, cell) of the column is counter_normal(seed, draw, block·N² + cell); an
  // entry whose pair partner is the next local entry (the usual case: x-neighbours in a
  // grid row) shares its pair's computation.
  void draw_column(std::uint64_t seed, std::uint64_t draw, GridKktVector& s) {
    const long long local_cells = s.w.local_size();
    for (int block = 0; block < 3; ++block) {
      const auto base = static_cast<std::uint64_t>(block * p_.cells());
      for (long long e = 0; e < local_cells; ++e) {
        const std::uint64_t global = base + static_cast<std::uint64_t>(p_.natural_index(e));
        const bool partner_next = global % 2 == 0 && e + 1 < local_cells &&
                                  base + static_cast<std::uint64_t>(p_.natural_index(e + 1)) == global + 1;
        if (partner_next) {
          const NormalPair pair = counter_normal_pair(seed, draw, global / 2);
          host_(idx(e)) = pair.first;
          host_(idx(++e)) = pair.second;
        } else {
          host_(idx(e)) = counter_normal(seed, draw, global);
        }
      }
      Kokkos::deep_copy(block_of(s, block).view(), host_);
    }
  }

  const PoissonControlGrid& p_;
  int q_;
  std::vector<GridKktVector> s_, w_;
  kernels::Vector::HostMirror host_;
};

}  // namespace

void validate_grid_sketch(const SketchOptions& options) { validate(options); }

namespace {

SketchResult gaussian_solve(const PoissonControlGrid& problem, const GridKktVector& b, GridKktVector& d,
                            double tolerance, const SketchOptions& options, GridSketchStreams& streams) {
  GaussianStep step(problem, options.block_size);
  GridKktVector r = problem.zero_vector("las::sketch_residual");
  SketchResult result;
  for (;;) {
    // A dense sketch changes every entry of d: r is recomputed, as in the authors' code.
    result.residual = std::sqrt(problem.comm().sum(true_residual(problem, b, d, r)));
    result.reason = sketch_stop_reason(result.residual, tolerance, result.iterations, options.max_iterations);
    if (result.reason != SolveReason::Iterating) return result;
    step.project(r, d, streams);
    ++result.iterations;
  }
}

// Sparse sketches update r with d (SparseColumnStep::project), where the authors' code
// recomputes it every step: the same steps to rounding at O(q s) cost instead of O(N²).
// Rounding in the running r and ‖r‖² is bounded by recomputing both every 3N² steps (an
// amortised O(1)), and a stop is decided on the recomputed residual, so the result's
// residual is the true one.
SketchResult sparse_solve(const PoissonControlGrid& problem, const GridKktVector& b, GridKktVector& d,
                          double tolerance, const SketchOptions& options, GridSketchStreams& streams) {
  SparseColumnStep step(problem, options);
  GridKktVector r = problem.zero_vector("las::sketch_residual");
  const HostKkt d_host(d), r_host(r);
  d_host.from_device(d);
  double local_rr = 0;  // this rank's ‖r‖²
  const auto refresh = [&] {
    d_host.to_device(d);
    local_rr = true_residual(problem, b, d, r);
    r_host.from_device(r);
  };
  refresh();
  const long long refresh_every = problem.kkt_rows();
  long long since_refresh = 0;
  std::vector<double> sums(idx(1 + step.columns()));  // ‖r‖² and Sᵀr in one all-reduce
  SketchResult result;
  const auto reduce = [&] {
    sums[0] = local_rr;
    step.local_sketched_residuals(r_host, sums.data() + 1);
    problem.comm().sum_in_place(sums);
    result.residual = std::sqrt(std::max(sums[0], 0.0));
    result.reason = sketch_stop_reason(result.residual, tolerance, result.iterations, options.max_iterations);
  };
  for (;;) {
    step.draw(streams.rng);
    reduce();
    if (result.reason != SolveReason::Iterating && since_refresh > 0) {
      refresh();  // confirm the stop on the true residual
      since_refresh = 0;
      reduce();
    }
    if (result.reason != SolveReason::Iterating) break;
    step.project(sums.data() + 1, d_host, r_host, local_rr);
    ++result.iterations;
    if (++since_refresh == refresh_every) {
      refresh();
      since_refresh = 0;
    }
  }
  d_host.to_device(d);
  return result;
}

}  // namespace

SketchResult grid_sketch_solve(const PoissonControlGrid& problem, const GridKktVector& b, GridKktVector& d,
                               double tolerance, const SketchOptions& options, GridSketchStreams& streams) {
  validate_grid_sketch(options);
  return options.kind == SketchKind::Gaussian ? gaussian_solve(problem, b, d, tolerance, options, streams)
                                              : sparse_solve(problem, b, d, tolerance, options, streams);
}

}  // namespace las::opt
