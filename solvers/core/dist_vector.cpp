// SPDX-License-Identifier: BSD-3-Clause
#include "solvers/core/dist_vector.hpp"

#include "kernels/blas1.hpp"

namespace las {

DistVector::DistVector(const Comm& comm, long long local_size, const std::string& label)
    : comm_(comm), values_(label, static_cast<size_t>(local_size)) {
  global_size_ = comm_.sum(local_size);
  offset_ = comm_.exclusive_prefix_sum(local_size);
}

DistVector DistVector::similar(const std::string& label) const {
  DistVector v;
  v.comm_ = comm_;
  v.values_ = kernels::Vector(label, values_.extent(0));
  v.global_size_ = global_size_;
  v.offset_ = offset_;
  return v;
}

DistVector DistVector::clone() const {
  DistVector v = similar(values_.label());
  Kokkos::deep_copy(v.values_, values_);
  return v;
}

double dot(const DistVector& x, const DistVector& y) {
  return x.comm().sum(kernels::dot(x.view(), y.view()));
}

double norm2(const DistVector& x) { return std::sqrt(dot(x, x)); }

bool has_nonfinite(const DistVector& x) {
  return x.comm().any(kernels::count_nonfinite(x.view()) > 0);
}

void axpy(double a, const DistVector& x, DistVector& y) { kernels::axpy(a, x.view(), y.view()); }

void copy(const DistVector& x, DistVector& y) { kernels::copy(x.view(), y.view()); }

void fill(DistVector& x, double value) { kernels::fill(x.view(), value); }

}  // namespace las
