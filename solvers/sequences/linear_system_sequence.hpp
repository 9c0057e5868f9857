// SPDX-License-Identifier: BSD-3-Clause
// A sequence of related linear systems A_t x = b_t, the input of online ω tuning.
#pragma once

#include <cmath>
#include <memory>
#include <string>

#include "solvers/core/box_grid.hpp"
#include "solvers/core/dist_csr_matrix.hpp"
#include "solvers/core/linear_operator.hpp"
#include "solvers/io/output_file.hpp"

namespace las::sequences {

/// One system of a sequence. `a` is what las solves (matrix-free where the sequence
/// is on a grid); `assemble()` gives the same matrix as a DistCsrMatrix with the same
/// row distribution (for PETSc and for CSR orderings).
struct Instance {
  std::shared_ptr<const LinearOperator> a;
  DistVector b;
  DistVector x0;                ///< initial guess (zero, or the previous solution)
  double context = 0;           ///< the feature contextual learners see
  double young_omega = NAN;     ///< Young's optimal SOR ω where theory gives it
  std::shared_ptr<const DistCsrMatrix> matrix;  ///< set by the sequence when `a` is assembled already
};

/// Instances are produced in order t = first, first+1, ... (first > 0 after a
/// restart). A time-dependent sequence carries the accepted solution of instance t
/// into instance t+1 and checkpoints it.
class LinearSystemSequence {
 public:
  virtual ~LinearSystemSequence() = default;
  virtual std::string description() const = 0;
  virtual long long length() const = 0;
  /// The interval contexts fall in (ChebCB and the binned learner need it up front).
  virtual double context_min() const = 0;
  virtual double context_max() const = 0;
  /// The operator is symmetric positive definite (SSOR-PCG applies).
  virtual bool spd() const { return true; }
  /// Instance t (collective).
  virtual Instance instance(long long t) = 0;
  /// The solution accepted for instance t (collective; time-dependent sequences keep it).
  virtual void accept(long long /*t*/, const DistVector& /*x*/) {}
  /// Writes what instance t+1 depends on, beyond (seed, t), under `group` (collective).
  virtual void save(io::OutputFile& /*out*/, const std::string& /*group*/) const {}
  /// Reads it back from a checkpoint file (collective).
  virtual void restore(const std::string& /*file*/, const std::string& /*group*/) {}
};

/// The assembled CSR form of an instance's operator (cached in instance.matrix).
std::shared_ptr<const DistCsrMatrix> assembled(Instance& instance);

}  // namespace las::sequences
