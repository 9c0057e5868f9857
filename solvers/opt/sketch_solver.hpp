// SPDX-License-Identifier: BSD-3-Clause
// Randomized iterative sketching solvers for a symmetric (possibly indefinite) system
// A d = b, such as the KKT system [B Jᵀ; J 0]: sketch-and-project (Gower & Richtárik 2015)
// with identity weight. Each step draws a sketch S (N x q) and projects d onto
// {d : Sᵀ(A d - b) = 0}:
//     d ← d - W (WᵀW)⁺ Sᵀ(A d - b),   W = Aᵀ S = A S   (A symmetric).
// Sketches: one row (randomized Kaczmarz, uniform as in AdaSketch's code, or in
// proportion to ‖Aᵢ‖² as Strohmer-Vershynin), q Gaussian columns (q = 1 is AdaSketch's
// "GV" variant), a random block of q rows (block Kaczmarz), or q sparse-sign columns.
// The residual is recomputed from A every step, as the authors do, so rounding never
// accumulates in a recurrence.
#pragma once

#include <string>

#include "solvers/core/solve_report.hpp"
#include "solvers/learning/rng.hpp"
#include "solvers/opt/dense_matrix.hpp"

namespace las::opt {

/// A symmetric N x N matrix seen only through products (and rows, which equal columns).
class SymmetricOperator {
 public:
  virtual ~SymmetricOperator() = default;
  virtual int size() const = 0;
  /// out = A v
  virtual void apply(const Vector& v, Vector& out) const = 0;
  /// out = row i of A (= A eᵢ by symmetry; override when a row is cheaper).
  virtual void row(int i, Vector& out) const;
};

/// A stored dense symmetric matrix (the caller keeps it symmetric).
class DenseSymmetricOperator final : public SymmetricOperator {
 public:
  explicit DenseSymmetricOperator(DenseMatrix a);
  int size() const override { return a_.rows; }
  void apply(const Vector& v, Vector& out) const override;
  void row(int i, Vector& out) const override;
  const DenseMatrix& matrix() const { return a_; }

 private:
  DenseMatrix a_;
};

enum class SketchKind {
  KaczmarzUniform,  ///< "kaczmarz": one row, uniformly at random (AdaSketch's RK)
  KaczmarzRowNorm,  ///< "kaczmarz_row_norm": one row with probability ‖Aᵢ‖² / ‖A‖²_F
  Gaussian,         ///< "gaussian": block_size N(0, 1) columns (1: AdaSketch's GV)
  BlockKaczmarz,    ///< "block_kaczmarz": block_size distinct rows, uniformly
  SparseSign,       ///< "sparse_sign": block_size columns with sparse_nonzeros ±1 entries
};

/// Deck/report names above; ConfigError naming the key solver.sketch.kind, the value and
/// the valid names otherwise.
SketchKind parse_sketch_kind(const std::string& name);
std::string to_string(SketchKind kind);

struct SketchOptions {
  SketchKind kind = SketchKind::Gaussian;
  int block_size = 1;                  ///< q for gaussian, block_kaczmarz, sparse_sign
  int sparse_nonzeros = 4;             ///< nonzeros per sparse-sign column (at most N)
  long long max_iterations = 100000;   ///< AdaSketch's cap on inner iterations
};

/// Throws ConfigError naming the bad key (solver.sketch.block_size = 0, ...).
void validate(const SketchOptions& options);

struct SketchResult {
  SolveReason reason = SolveReason::Iterating;  ///< ConvergedAtol, DivergedMaxIterations, DivergedNan
  long long iterations = 0;
  double residual = 0;                          ///< ‖A d - b‖ at exit
  bool converged() const { return las::converged(reason); }
};

/// The stopping test of every sketching loop, on the residual ‖A d - b‖ just computed:
/// DivergedNan, ConvergedAtol (residual <= tolerance), DivergedMaxIterations (iterations
/// reached the cap), or Iterating.
SolveReason sketch_stop_reason(double residual, double tolerance, long long iterations, long long max_iterations);

/// Improves d (warm start: its entries on entry) until ‖A d - b‖ <= tolerance or
/// options.max_iterations steps; tolerance 0 runs to the cap. Deterministic given rng's
/// state, which it advances.
SketchResult sketch_solve(const SymmetricOperator& a, const Vector& b, Vector& d, double tolerance,
                          const SketchOptions& options, learning::Rng& rng);

}  // namespace las::opt
