// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <memory>
#include <vector>

#include "kernels/sparse.hpp"
#include "solvers/core/linear_operator.hpp"

namespace las {

/// This rank's rows of a distributed sparse matrix, in global column indices: the
/// exchange format between generators/readers and DistCsrMatrix. Rows
/// [row_offset, row_offset + row_ptr.size() - 1) of a global_rows x global_cols matrix.
struct CsrRows {
  long long global_rows = 0;
  long long global_cols = 0;
  long long row_offset = 0;
  std::vector<size_t> row_ptr{0};
  std::vector<long long> cols;
  std::vector<double> values;
  long long local_rows() const { return static_cast<long long>(row_ptr.size()) - 1; }
};

/// Row-partitioned CSR matrix (PETSc MPIAIJ layout): the local rows are split into a
/// diagonal block (columns this rank owns) and an off-diagonal block over compressed
/// ghost columns. y = A x runs the diagonal block while the ghost values travel,
/// then adds the off-diagonal block. Both blocks go through KokkosKernels SpMV.
class DistCsrMatrix final : public LinearOperator {
 public:
  /// Collective. The column distribution is the row distribution (square matrices);
  /// throws InputError when the matrix is not square or a column is out of range.
  DistCsrMatrix(const Comm& comm, const CsrRows& rows);
  ~DistCsrMatrix() override;
  DistCsrMatrix(DistCsrMatrix&&) noexcept;

  const Comm& comm() const override { return comm_; }
  DistVector create_vector(const std::string& label = "las::vector") const override;
  long long global_rows() const override { return global_rows_; }
  long long local_rows() const { return local_rows_; }
  long long row_offset() const { return row_offset_; }
  void apply(const DistVector& x, DistVector& y) const override;
  void diagonal(DistVector& d) const override;
  long long global_nonzeros() const override { return global_nnz_; }
  std::string description() const override;

  /// Collective: the largest |A_ij - A_ji| relative to max |A_ij| over the whole matrix.
  double symmetry_defect() const;
  /// This rank's rows back in global column indices (for I/O and PETSc).
  CsrRows local_rows_global() const;
  /// The global column of each ghost (off-diagonal block) column.
  const std::vector<long long>& ghost_columns() const;

  // Local blocks, for local smoothers (SOR sweeps) that treat the two parts apart.
  /// Owned columns, in local indices (row i of this rank couples to local row j).
  const kernels::CsrMatrix& diagonal_block() const { return diag_block_; }
  /// Ghost columns, indexed like ghost_columns().
  const kernels::CsrMatrix& offdiagonal_block() const { return offdiag_block_; }
  /// Collective: ghosts(g) = x at global index ghost_columns()[g], received from the
  /// owning ranks (the import apply() does). ghosts has ghost_columns().size() entries.
  void import_ghosts(const DistVector& x, const kernels::Vector& ghosts) const;

 private:
  struct Plan;  // MPI import plan; MPI details stay out of this header
  /// Posts the ghost import of x into dest; returns the number of requests to wait on.
  int begin_import(const DistVector& x, double* dest) const;
  Comm comm_;
  long long global_rows_ = 0, local_rows_ = 0, row_offset_ = 0, global_nnz_ = 0;
  kernels::CsrMatrix diag_block_;
  kernels::CsrMatrix offdiag_block_;
  std::unique_ptr<Plan> plan_;
};

/// Block row distribution of n rows over comm: the first (n mod p) ranks own one more.
void block_rows(long long n, const Comm& comm, long long& local, long long& offset);

}  // namespace las
