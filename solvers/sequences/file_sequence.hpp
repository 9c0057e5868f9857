// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <string>

#include "solvers/sequences/linear_system_sequence.hpp"

namespace las::sequences {

struct FileSequenceOptions {
  std::string pattern;           ///< printf pattern with one integer, e.g. "seq/system_%04d.h5"
  long long first = 0;           ///< index of the first file
  long long length = 1;
  std::string matrix_group = "A";  ///< CSR group as written by io::write_csr
  std::string rhs_dataset = "b";   ///< 1D float64 dataset of global_rows values
  std::string context_attribute = "context";  ///< optional numeric root attribute
  double context_min = 0, context_max = 1;
  bool warm_start = false;       ///< start instance t+1 from the solution of t
};

/// A user's own sequence: file t holds A_t (group `matrix_group`, io::write_csr layout)
/// and b_t (dataset `rhs_dataset`); its numeric root attribute `context_attribute`
/// (a float, an integer or a string holding a number), when present, is the context
/// (0 otherwise). Matrices are distributed by block rows.
class FileSequence final : public LinearSystemSequence {
 public:
  FileSequence(const Comm& comm, const FileSequenceOptions& options);
  std::string description() const override;
  long long length() const override { return options_.length; }
  double context_min() const override { return options_.context_min; }
  double context_max() const override { return options_.context_max; }
  Instance instance(long long t) override;
  void accept(long long t, const DistVector& x) override;
  /// The path of instance t.
  std::string path(long long t) const;

 private:
  Comm comm_;
  FileSequenceOptions options_;
  DistVector previous_;  ///< last accepted solution (warm start)
};

}  // namespace las::sequences
