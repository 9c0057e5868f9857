// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/krylov/detail/direction_buffer.hpp"

#include <mpi.h>

#include <utility>

#include "kernels/blas1.hpp"
#include "solvers/core/error.hpp"

namespace las::detail {

DirectionBuffer::DirectionBuffer(const LinearOperator& a, int capacity)
    : a_(&a), capacity_(capacity) {
  LAS_CHECK(capacity >= 0, "kept directions must be >= 0, got " << capacity);
  // Slots are created lazily in push(); reserve only the handles.
  p_.reserve(static_cast<size_t>(capacity));
  ap_.reserve(static_cast<size_t>(capacity));
  pap_.reserve(static_cast<size_t>(capacity));
}

int DirectionBuffer::slot(int j) const {
  // The oldest kept direction sits at head_ once the ring is full, at 0 before.
  return size_ < capacity_ ? j : (head_ + j) % capacity_;
}

void DirectionBuffer::orthogonalize_modified(DistVector& q) const {
  for (int j = 0; j < size_; ++j) {
    const int s = slot(j);
    const double c = dot(q, ap_[s]) / pap_[s];
    axpy(-c, p_[s], q);
  }
}

void DirectionBuffer::orthogonalize_classical(DistVector& q) const {
  if (size_ == 0) return;
  std::vector<double> c(static_cast<size_t>(size_));
  for (int j = 0; j < size_; ++j) c[j] = kernels::dot(q.view(), ap_[slot(j)].view());
  MPI_Allreduce(MPI_IN_PLACE, c.data(), size_, MPI_DOUBLE, MPI_SUM, q.comm().get());
  for (int j = 0; j < size_; ++j) {
    const int s = slot(j);
    axpy(-c[j] / pap_[s], p_[s], q);
  }
}

void DirectionBuffer::push(DistVector& p, DistVector& ap, double pap) {
  if (capacity_ == 0) return;
  if (static_cast<int>(p_.size()) <= head_) {  // first pass round the ring: new storage
    p_.push_back(a_->create_vector("las::kept_direction"));
    ap_.push_back(a_->create_vector("las::kept_a_direction"));
    pap_.push_back(0.0);
  }
  std::swap(p, p_[head_]);
  std::swap(ap, ap_[head_]);
  pap_[head_] = pap;
  head_ = (head_ + 1) % capacity_;
  if (size_ < capacity_) ++size_;
}

}  // namespace las::detail
