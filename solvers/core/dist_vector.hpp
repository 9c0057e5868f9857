// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include "kernels/common/spaces.hpp"
#include "solvers/core/comm.hpp"

namespace las {

/// A vector whose entries are split over the ranks of a communicator in contiguous
/// blocks (rank r owns global entries [offset, offset + local_size)). On a BoxGrid the
/// block is the rank's cells in x-fastest order. Copies share data, like Kokkos Views;
/// use `clone()` for a deep copy.
class DistVector {
 public:
  DistVector() = default;
  /// Collective: computes the global size and this rank's offset.
  DistVector(const Comm& comm, long long local_size, const std::string& label = "las::vector");

  const Comm& comm() const { return comm_; }
  long long local_size() const { return static_cast<long long>(values_.extent(0)); }
  long long global_size() const { return global_size_; }
  long long offset() const { return offset_; }
  /// The owned entries in device memory.
  const kernels::Vector& view() const { return values_; }
  /// A new vector of the same layout, zero-filled.
  DistVector similar(const std::string& label = "las::vector") const;
  /// A deep copy.
  DistVector clone() const;

 private:
  Comm comm_;
  kernels::Vector values_;
  long long global_size_ = 0;
  long long offset_ = 0;
};

/// Global x·y (collective).
double dot(const DistVector& x, const DistVector& y);
/// Global 2-norm (collective).
double norm2(const DistVector& x);
/// True on every rank when any entry on any rank is NaN or infinite (collective).
bool has_nonfinite(const DistVector& x);
/// y += a x
void axpy(double a, const DistVector& x, DistVector& y);
/// y = x
void copy(const DistVector& x, DistVector& y);
void fill(DistVector& x, double value);

}  // namespace las
