// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/opt/sketch_solver.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

#include "solvers/core/error.hpp"
#include "solvers/learning/small_lsq.hpp"
#include "solvers/sequences/samplers.hpp"

namespace las::opt {
namespace {

std::size_t idx(long long i) { return static_cast<std::size_t>(i); }

int uniform_index(learning::Rng& rng, int n) {
  return std::min(n - 1, static_cast<int>(rng.uniform() * n));
}

// The sketch of one step as W = A S (q columns of N entries) and the sketched residual
// Sᵀr; the buffers are kept across steps so that a step allocates nothing.
struct Sketch {
  std::vector<Vector> w;
  Vector sketched_residual;
  int q = 0;
};

class SketchDrawer {
 public:
  SketchDrawer(const SymmetricOperator& a, const SketchOptions& options) : a_(a), options_(options) {
    const int n = a.size();
    if (options.kind == SketchKind::KaczmarzRowNorm) {
      row_weights_.resize(idx(n));
      Vector row;
      for (int i = 0; i < n; ++i) {
        a.row(i, row);
        row_weights_[idx(i)] = dot(row, row);
      }
    }
    const bool single_row = options.kind == SketchKind::KaczmarzUniform || options.kind == SketchKind::KaczmarzRowNorm;
    block_ = single_row ? 1 : std::min(options.block_size, n);
    nonzeros_ = std::min(options.sparse_nonzeros, n);
    sketch_.w.assign(idx(block_), Vector(idx(n)));
    sketch_.sketched_residual.assign(idx(block_), 0.0);
    sketch_.q = block_;
    column_.assign(idx(n), 0.0);
  }

  const Sketch& draw(const Vector& r, learning::Rng& rng) {
    const int n = a_.size();
    switch (options_.kind) {
      case SketchKind::KaczmarzUniform:
        set_row(0, uniform_index(rng, n), r);
        break;
      case SketchKind::KaczmarzRowNorm:
        set_row(0, rng.categorical(row_weights_), r);
        break;
      case SketchKind::BlockKaczmarz:
        draw_distinct(block_, rng);
        for (int k = 0; k < block_; ++k) set_row(k, permutation_[idx(k)], r);
        break;
      case SketchKind::Gaussian:
        for (int k = 0; k < block_; ++k) {
          for (double& v : column_) v = sequences::standard_normal(rng);
          set_column(k, r);
        }
        break;
      case SketchKind::SparseSign: {
        const double scale = 1.0 / std::sqrt(static_cast<double>(nonzeros_));
        for (int k = 0; k < block_; ++k) {
          std::fill(column_.begin(), column_.end(), 0.0);
          draw_distinct(nonzeros_, rng);
          for (int j = 0; j < nonzeros_; ++j)
            column_[idx(permutation_[idx(j)])] = rng.uniform() < 0.5 ? -scale : scale;
          set_column(k, r);
        }
        break;
      }
    }
    return sketch_;
  }

 private:
  // S's column k is eᵢ: W's column is row i of A and Sᵀr is rᵢ.
  void set_row(int k, int i, const Vector& r) {
    a_.row(i, sketch_.w[idx(k)]);
    sketch_.sketched_residual[idx(k)] = r[idx(i)];
  }

  // S's column k is column_: W's column is A column_ and Sᵀr is column_ᵀr.
  void set_column(int k, const Vector& r) {
    a_.apply(column_, sketch_.w[idx(k)]);
    sketch_.sketched_residual[idx(k)] = dot(column_, r);
  }

  // The first `count` entries of permutation_ become distinct uniform indices of
  // 0..N-1 (a partial Fisher-Yates shuffle).
  void draw_distinct(int count, learning::Rng& rng) {
    const int n = a_.size();
    if (static_cast<int>(permutation_.size()) != n) {
      permutation_.resize(idx(n));
      std::iota(permutation_.begin(), permutation_.end(), 0);
    }
    for (int k = 0; k < count; ++k) std::swap(permutation_[idx(k)], permutation_[idx(k + uniform_index(rng, n - k))]);
  }

  const SymmetricOperator& a_;
  SketchOptions options_;
  Vector row_weights_, column_;
  std::vector<int> permutation_;
  Sketch sketch_;
  int block_ = 1, nonzeros_ = 1;
};

// d ← d - W (WᵀW)⁺ Sᵀr. The q x q pseudo-inverse drops directions in which the sketched
// rows are dependent (a repeated or zero row), so a degenerate sketch is a no-op step.
void project(const Sketch& s, Vector& d) {
  const int q = s.q;
  if (q == 1) {
    const double norm2_w = dot(s.w[0], s.w[0]);
    if (norm2_w > 0.0) axpy(-s.sketched_residual[0] / norm2_w, s.w[0], d);
    return;
  }
  std::vector<double> gram(idx(q) * idx(q));
  for (int i = 0; i < q; ++i)
    for (int j = 0; j < q; ++j) gram[idx(i) * idx(q) + idx(j)] = dot(s.w[idx(i)], s.w[idx(j)]);
  const Vector y = learning::min_norm_solve(gram, s.sketched_residual, q);
  for (int k = 0; k < q; ++k) axpy(-y[idx(k)], s.w[idx(k)], d);
}

}  // namespace

void SymmetricOperator::row(int i, Vector& out) const {
  Vector e(idx(size()), 0.0);
  e[idx(i)] = 1.0;
  apply(e, out);
}

DenseSymmetricOperator::DenseSymmetricOperator(DenseMatrix a) : a_(std::move(a)) {
  LAS_CHECK(a_.rows == a_.cols, "a symmetric operator needs a square matrix, not " << a_.rows << " x " << a_.cols);
}

void DenseSymmetricOperator::apply(const Vector& v, Vector& out) const {
  LAS_CHECK(static_cast<int>(v.size()) == a_.cols, "apply: " << a_.cols << " columns, " << v.size() << " entries");
  out.resize(v.size());
  for (int i = 0; i < a_.rows; ++i) {
    double sum = 0.0;
    const double* row = &a_.values[static_cast<std::size_t>(i) * a_.cols];
    for (int j = 0; j < a_.cols; ++j) sum += row[j] * v[idx(j)];
    out[idx(i)] = sum;
  }
}

void DenseSymmetricOperator::row(int i, Vector& out) const {
  out.assign(a_.values.begin() + static_cast<std::ptrdiff_t>(i) * a_.cols,
             a_.values.begin() + static_cast<std::ptrdiff_t>(i + 1) * a_.cols);
}

SketchKind parse_sketch_kind(const std::string& name) {
  for (SketchKind kind : {SketchKind::KaczmarzUniform, SketchKind::KaczmarzRowNorm, SketchKind::Gaussian,
                          SketchKind::BlockKaczmarz, SketchKind::SparseSign})
    if (to_string(kind) == name) return kind;
  throw ConfigError("solver.sketch.kind = '" + name +
                    "' (valid: kaczmarz, kaczmarz_row_norm, gaussian, block_kaczmarz, sparse_sign)");
}

std::string to_string(SketchKind kind) {
  switch (kind) {
    case SketchKind::KaczmarzUniform: return "kaczmarz";
    case SketchKind::KaczmarzRowNorm: return "kaczmarz_row_norm";
    case SketchKind::Gaussian: return "gaussian";
    case SketchKind::BlockKaczmarz: return "block_kaczmarz";
    case SketchKind::SparseSign: return "sparse_sign";
  }
  return "unknown";
}

void validate(const SketchOptions& options) {
  if (options.block_size < 1)
    throw ConfigError("solver.sketch.block_size = " + std::to_string(options.block_size) + " (must be >= 1)");
  if (options.sparse_nonzeros < 1)
    throw ConfigError("solver.sketch.sparse_nonzeros = " + std::to_string(options.sparse_nonzeros) + " (must be >= 1)");
  if (options.max_iterations < 0)
    throw ConfigError("solver.sketch.max_iterations = " + std::to_string(options.max_iterations) + " (must be >= 0)");
}

SolveReason sketch_stop_reason(double residual, double tolerance, long long iterations, long long max_iterations) {
  if (!std::isfinite(residual)) return SolveReason::DivergedNan;
  if (residual <= tolerance) return SolveReason::ConvergedAtol;
  if (iterations >= max_iterations) return SolveReason::DivergedMaxIterations;
  return SolveReason::Iterating;
}

SketchResult sketch_solve(const SymmetricOperator& a, const Vector& b, Vector& d, double tolerance,
                          const SketchOptions& options, learning::Rng& rng) {
  validate(options);
  const int n = a.size();
  LAS_CHECK(static_cast<int>(b.size()) == n && static_cast<int>(d.size()) == n,
            "sketch_solve: operator of size " << n << ", b " << b.size() << ", d " << d.size());
  SketchDrawer drawer(a, options);
  SketchResult result;
  Vector r;
  for (;;) {
    a.apply(d, r);
    axpy(-1.0, b, r);
    result.residual = norm2(r);
    result.reason = sketch_stop_reason(result.residual, tolerance, result.iterations, options.max_iterations);
    if (result.reason != SolveReason::Iterating) return result;
    project(drawer.draw(r, rng), d);
    ++result.iterations;
  }
}

}  // namespace las::opt
