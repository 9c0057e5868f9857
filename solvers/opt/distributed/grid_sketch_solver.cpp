// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/distributed/grid_sketch_solver.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
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

// One entry of a device vector, read or written from the host (a Kaczmarz step touches at
// most six, so per-entry copies are cheaper than a mirror of the block).
double read_entry(const DistVector& v, long long local) {
  double value = 0;
  Kokkos::deep_copy(value, Kokkos::subview(v.view(), idx(local)));
  return value;
}

void add_to_entry(const DistVector& v, long long local, double delta) {
  const auto entry = Kokkos::subview(v.view(), idx(local));
  double value = 0;
  Kokkos::deep_copy(value, entry);
  Kokkos::deep_copy(entry, value + delta);
}

class KaczmarzStep {
 public:
  // Row-norm sampling draws row i with probability ‖K_i‖² / ‖K‖²_F from the cumulative
  // squared row norms of every KKT row, replicated on each rank (3N² doubles, built
  // once from the stencil rows): a draw is then a binary search, the same on every rank.
  KaczmarzStep(const PoissonControlGrid& problem, bool row_norm) : p_(problem) {
    if (!row_norm) return;
    cumulative_.resize(idx(p_.kkt_rows()));
    double total = 0;
    PoissonControlGrid::RowEntry entries[6];
    for (long long i = 0; i < p_.kkt_rows(); ++i) {
      const int count = p_.kkt_row(i, entries);
      for (int k = 0; k < count; ++k) total += entries[k].value * entries[k].value;
      cumulative_[idx(i)] = total;
    }
  }

  // Draws the row of the next step (the same on every rank).
  void draw(learning::Rng& rng) {
    const long long rows = p_.kkt_rows();
    if (cumulative_.empty()) {
      row_ = std::min(rows - 1, static_cast<long long>(rng.uniform() * static_cast<double>(rows)));
    } else {
      const double u = rng.uniform() * cumulative_.back();
      row_ = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin();
      row_ = std::min(rows - 1, row_);
    }
    count_ = p_.kkt_row(row_, entries_);
    norm2_ = 0;
    for (int k = 0; k < count_; ++k) norm2_ += entries_[k].value * entries_[k].value;
  }

  // This rank's share of r_i: the entry if it owns row i's cell, else 0.
  double local_residual(const GridKktVector& r) const {
    const long long cells = p_.cells();
    const long long local = p_.local_index(row_ % cells);
    return local < 0 ? 0.0 : read_entry(block_of(r, static_cast<int>(row_ / cells)), local);
  }

  // d ← d − (r_i / ‖K_i‖²) K_iᵀ on the entries this rank owns.
  void project(double residual_i, GridKktVector& d) const {
    const double coefficient = -residual_i / norm2_;
    for (int k = 0; k < count_; ++k) {
      const long long local = p_.local_index(entries_[k].cell);
      if (local >= 0) add_to_entry(block_of(d, entries_[k].block), local, coefficient * entries_[k].value);
    }
  }

 private:
  const PoissonControlGrid& p_;
  long long row_ = 0;
  PoissonControlGrid::RowEntry entries_[6];
  int count_ = 0;
  double norm2_ = 1;
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
  static double local_dot(const GridKktVector& a, const GridKktVector& b) {
    return kernels::dot(a.w.view(), b.w.view()) + kernels::dot(a.z.view(), b.z.view()) +
           kernels::dot(a.lambda.view(), b.lambda.view());
  }

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

void validate_grid_sketch(const SketchOptions& options) {
  validate(options);
  if (options.kind != SketchKind::KaczmarzUniform && options.kind != SketchKind::KaczmarzRowNorm &&
      options.kind != SketchKind::Gaussian)
    throw ConfigError("solver.sketch = '" + to_string(options.kind) +
                      "' (the distributed poisson_control path has: kaczmarz, kaczmarz_row_norm, gaussian)");
}

SketchResult grid_sketch_solve(const PoissonControlGrid& problem, const GridKktVector& b, GridKktVector& d,
                               double tolerance, const SketchOptions& options, GridSketchStreams& streams) {
  validate_grid_sketch(options);
  const bool row_norm = options.kind == SketchKind::KaczmarzRowNorm;
  const bool kaczmarz = options.kind == SketchKind::KaczmarzUniform || row_norm;
  KaczmarzStep row_step(problem, row_norm);
  std::unique_ptr<GaussianStep> gaussian_step;
  if (!kaczmarz) gaussian_step = std::make_unique<GaussianStep>(problem, options.block_size);
  GridKktVector r = problem.zero_vector("las::sketch_residual");
  SketchResult result;
  for (;;) {
    problem.kkt_apply(d, r);
    axpy(-1.0, b, r);
    // ‖r‖² and (Kaczmarz) the drawn row's residual in one all-reduce.
    double norm2_r = kernels::dot(r.w.view(), r.w.view()) + kernels::dot(r.z.view(), r.z.view()) +
                     kernels::dot(r.lambda.view(), r.lambda.view());
    double residual_i = 0;
    if (kaczmarz) {
      row_step.draw(streams.rng);
      residual_i = row_step.local_residual(r);
    }
    problem.comm().sum2(norm2_r, residual_i);
    result.residual = std::sqrt(norm2_r);
    result.reason = sketch_stop_reason(result.residual, tolerance, result.iterations, options.max_iterations);
    if (result.reason != SolveReason::Iterating) return result;
    if (kaczmarz)
      row_step.project(residual_i, d);
    else
      gaussian_step->project(r, d, streams);
    ++result.iterations;
  }
}

}  // namespace las::opt
