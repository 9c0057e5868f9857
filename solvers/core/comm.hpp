// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

namespace las {

/// An MPI communicator owned by las. Construction duplicates the user's communicator
/// so las's messages never match the application's; copies share the duplicate, which
/// is freed with the last copy. Never a global: every distributed object holds one.
class Comm {
 public:
  /// Duplicates `comm` (collective over it).
  explicit Comm(MPI_Comm comm = MPI_COMM_WORLD);
  /// Adopts an already-owned communicator (e.g. a Cartesian one) without duplicating.
  static Comm adopt(MPI_Comm owned);

  MPI_Comm get() const { return *handle_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  double sum(double local) const;
  long long sum(long long local) const;
  double max(double local) const;
  long long max(long long local) const;
  long long min(long long local) const;
  /// Two sums in one all-reduce (CG's fused dots).
  void sum2(double& a, double& b) const;
  /// Element-wise sums over the ranks, in place, in one all-reduce.
  void sum_in_place(std::vector<double>& values) const;
  /// Exclusive prefix sum: the sum of `local` over lower ranks (0 on rank 0).
  long long exclusive_prefix_sum(long long local) const;
  /// True on every rank when `local` is true on any rank (agree on errors).
  bool any(bool local) const;
  void barrier() const;
  /// Rank 0's string on every rank.
  std::string broadcast(const std::string& value) const;

 private:
  struct Adopt {};
  Comm(MPI_Comm owned, Adopt);
  std::shared_ptr<MPI_Comm> handle_;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace las
