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

// Sketches whose columns are unit vectors e_i: S^T r = r_S and W = K S = K_S^T (K is
// symmetric), so a step needs only the drawn rows' nonzeros, known on every rank in
// closed form (PoissonControlGrid::kkt_row), and r_S from the rows' owners.
class RowSketchStep {
 public:
  // kaczmarz: one row, uniform; kaczmarz_row_norm: one row with probability
  // ‖K_i‖² / ‖K‖²_F, from the cumulative squared row norms of every KKT row replicated on
  // each rank (3N² doubles, built once: a draw is then a binary search); block_kaczmarz:
  // q distinct rows, uniform.
  RowSketchStep(const PoissonControlGrid& problem, SketchKind kind, int q)
      : p_(problem), rows_(kind == SketchKind::BlockKaczmarz ? std::min<long long>(q, problem.kkt_rows()) : 1) {
    drawn_.resize(idx(rows_));
    if (kind != SketchKind::KaczmarzRowNorm) return;
    cumulative_.resize(idx(p_.kkt_rows()));
    double total = 0;
    Row row;
    for (long long i = 0; i < p_.kkt_rows(); ++i) {
      row.count = p_.kkt_row(i, row.entries);
      for (int k = 0; k < row.count; ++k) total += row.entries[k].value * row.entries[k].value;
      cumulative_[idx(i)] = total;
    }
  }

  long long rows() const { return rows_; }

  // Draws the rows of the next step (the same on every rank).
  void draw(learning::Rng& rng) {
    const long long n = p_.kkt_rows();
    for (long long a = 0; a < rows_; ++a) {
      Row& row = drawn_[idx(a)];
      for (bool fresh = false; !fresh;) {  // distinct rows: redraw a repeat (q << 3N²)
        if (cumulative_.empty()) {
          row.index = std::min(n - 1, static_cast<long long>(rng.uniform() * static_cast<double>(n)));
        } else {
          const double u = rng.uniform() * cumulative_.back();
          row.index = std::min<long long>(
              n - 1, std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin());
        }
        fresh = std::none_of(drawn_.begin(), drawn_.begin() + a, [&](const Row& b) { return b.index == row.index; });
      }
      row.count = p_.kkt_row(row.index, row.entries);
    }
  }

  // This rank's share of r_S: each entry where it owns the row's cell, else 0.
  void local_residuals(const GridKktVector& r, double* out) const {
    const long long cells = p_.cells();
    for (long long a = 0; a < rows_; ++a) {
      const long long row = drawn_[idx(a)].index;
      const long long local = p_.local_index(row % cells);
      out[a] = local < 0 ? 0.0 : read_entry(block_of(r, static_cast<int>(row / cells)), local);
    }
  }

  // d ← d − K_Sᵀ (K_S K_Sᵀ)⁺ r_S on the entries this rank owns.
  void project(const double* residuals, GridKktVector& d) const {
    std::vector<double> gram(idx(rows_ * rows_)), rhs(residuals, residuals + rows_);
    for (long long a = 0; a < rows_; ++a)
      for (long long b = 0; b < rows_; ++b) gram[idx(a * rows_ + b)] = row_dot(drawn_[idx(a)], drawn_[idx(b)]);
    const std::vector<double> y =
        rows_ == 1 ? std::vector<double>{gram[0] > 0 ? rhs[0] / gram[0] : 0.0}
                   : learning::min_norm_solve(gram, rhs, static_cast<int>(rows_));
    for (long long a = 0; a < rows_; ++a) {
      const Row& row = drawn_[idx(a)];
      for (int k = 0; k < row.count; ++k) {
        const long long local = p_.local_index(row.entries[k].cell);
        if (local >= 0) add_to_entry(block_of(d, row.entries[k].block), local, -y[idx(a)] * row.entries[k].value);
      }
    }
  }

 private:
  struct Row {
    long long index = 0;
    PoissonControlGrid::RowEntry entries[6];
    int count = 0;
  };

  static double row_dot(const Row& a, const Row& b) {
    double sum = 0;
    for (int i = 0; i < a.count; ++i)
      for (int j = 0; j < b.count; ++j)
        if (a.entries[i].block == b.entries[j].block && a.entries[i].cell == b.entries[j].cell)
          sum += a.entries[i].value * b.entries[j].value;
    return sum;
  }

  const PoissonControlGrid& p_;
  long long rows_;
  std::vector<Row> drawn_;
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
  if (options.kind == SketchKind::SparseSign)
    throw ConfigError("solver.sketch = '" + to_string(options.kind) +
                      "' (the distributed poisson_control path has: kaczmarz, kaczmarz_row_norm, "
                      "block_kaczmarz, gaussian)");
}

SketchResult grid_sketch_solve(const PoissonControlGrid& problem, const GridKktVector& b, GridKktVector& d,
                               double tolerance, const SketchOptions& options, GridSketchStreams& streams) {
  validate_grid_sketch(options);
  const bool by_rows = options.kind != SketchKind::Gaussian;
  RowSketchStep row_step(problem, options.kind, options.block_size);
  std::unique_ptr<GaussianStep> gaussian_step;
  if (!by_rows) gaussian_step = std::make_unique<GaussianStep>(problem, options.block_size);
  GridKktVector r = problem.zero_vector("las::sketch_residual");
  // ‖r‖² and (row sketches) the drawn rows' residuals, summed in one all-reduce.
  std::vector<double> sums(idx(1 + (by_rows ? row_step.rows() : 0)));
  SketchResult result;
  for (;;) {
    problem.kkt_apply(d, r);
    axpy(-1.0, b, r);
    sums[0] = kernels::dot(r.w.view(), r.w.view()) + kernels::dot(r.z.view(), r.z.view()) +
              kernels::dot(r.lambda.view(), r.lambda.view());
    if (by_rows) {
      row_step.draw(streams.rng);
      row_step.local_residuals(r, sums.data() + 1);
    }
    problem.comm().sum_in_place(sums);
    result.residual = std::sqrt(sums[0]);
    result.reason = sketch_stop_reason(result.residual, tolerance, result.iterations, options.max_iterations);
    if (result.reason != SolveReason::Iterating) return result;
    if (by_rows)
      row_step.project(sums.data() + 1, d);
    else
      gaussian_step->project(r, d, streams);
    ++result.iterations;
  }
}

}  // namespace las::opt
