// SPDX-License-Identifier: BSD-3-Clause
// Node-level vector kernels, including the fused updates of (P)CG. Local only: the
// caller reduces partial dots over MPI. Each has an oracle in reference/blas1_ref.hpp.
#pragma once

#include "kernels/common/spaces.hpp"

namespace las::kernels {

/// Two partial sums carried through one parallel_reduce (fused PCG dots).
struct DotPair {
  double first = 0;
  double second = 0;
  KOKKOS_INLINE_FUNCTION DotPair& operator+=(const DotPair& o) {
    first += o.first;
    second += o.second;
    return *this;
  }
};

}  // namespace las::kernels

namespace Kokkos {
template <>
struct reduction_identity<las::kernels::DotPair> {
  KOKKOS_FORCEINLINE_FUNCTION static las::kernels::DotPair sum() { return {}; }
};
}  // namespace Kokkos

namespace las::kernels {

inline Kokkos::RangePolicy<ExecSpace> range(size_t n) {
  return Kokkos::RangePolicy<ExecSpace>(0, n);
}

/// Work items of a reduction. On host spaces each item sums a contiguous chunk into a
/// register and adds it to the reduction's accumulator once: with one entry per item,
/// every `acc +=` goes through a reference the compiler cannot keep in a register (the
/// views might alias it), a store-reload chain of ~9 cycles per entry that held
/// cg_update to half the memory bandwidth. On device spaces a chunk is one entry, so
/// neighbouring threads still read neighbouring entries (coalesced).
struct ReductionChunks {
  static constexpr size_t host_chunk = 512;
  size_t n = 0;
  size_t chunk = 1;
  explicit ReductionChunks(size_t entries)
      : n(entries),
        chunk(Kokkos::SpaceAccessibility<Kokkos::HostSpace, MemSpace>::accessible ? host_chunk : 1) {}
  Kokkos::RangePolicy<ExecSpace> policy() const { return range((n + chunk - 1) / chunk); }
  KOKKOS_INLINE_FUNCTION size_t begin(size_t c) const { return c * chunk; }
  KOKKOS_INLINE_FUNCTION size_t end(size_t c) const { return c * chunk + chunk < n ? c * chunk + chunk : n; }
};

inline void fill(const Vector& x, double value) {
  Kokkos::parallel_for("las::fill", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { x(i) = value; });
}

inline void copy(const ConstVector& x, const Vector& y) {
  Kokkos::parallel_for("las::copy", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { y(i) = x(i); });
}

inline void scale(double a, const Vector& x) {
  Kokkos::parallel_for("las::scale", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { x(i) *= a; });
}

/// y += a x
inline void axpy(double a, const ConstVector& x, const Vector& y) {
  Kokkos::parallel_for("las::axpy", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { y(i) += a * x(i); });
}

/// y = x + b y
inline void aypx(double b, const ConstVector& x, const Vector& y) {
  Kokkos::parallel_for("las::aypx", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { y(i) = x(i) + b * y(i); });
}

/// z = a x + b y
inline void axpbyz(double a, const ConstVector& x, double b, const ConstVector& y,
                   const Vector& z) {
  Kokkos::parallel_for("las::axpbyz", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { z(i) = a * x(i) + b * y(i); });
}

/// z = x .* y
inline void pointwise_mult(const ConstVector& x, const ConstVector& y, const Vector& z) {
  Kokkos::parallel_for("las::pointwise_mult", range(x.extent(0)),
                       KOKKOS_LAMBDA(size_t i) { z(i) = x(i) * y(i); });
}

/// y = 1 / x (entries that are zero give zero: a Jacobi preconditioner skips them)
inline void reciprocal(const ConstVector& x, const Vector& y) {
  Kokkos::parallel_for("las::reciprocal", range(x.extent(0)), KOKKOS_LAMBDA(size_t i) {
    y(i) = x(i) != 0.0 ? 1.0 / x(i) : 0.0;
  });
}

/// Local x·y.
inline double dot(const ConstVector& x, const ConstVector& y) {
  double sum = 0;
  const ReductionChunks chunks(x.extent(0));
  Kokkos::parallel_reduce(
      "las::dot", chunks.policy(),
      KOKKOS_LAMBDA(size_t c, double& acc) {
        double partial = 0;
        for (size_t i = chunks.begin(c); i < chunks.end(c); ++i) partial += x(i) * y(i);
        acc += partial;
      },
      sum);
  return sum;
}

/// Local sum of x.
inline double sum(const ConstVector& x) {
  double s = 0;
  Kokkos::parallel_reduce(
      "las::sum", range(x.extent(0)), KOKKOS_LAMBDA(size_t i, double& acc) { acc += x(i); },
      s);
  return s;
}

/// Number of local entries that are NaN or infinite.
inline size_t count_nonfinite(const ConstVector& x) {
  size_t n = 0;
  Kokkos::parallel_reduce(
      "las::count_nonfinite", range(x.extent(0)),
      KOKKOS_LAMBDA(size_t i, size_t& acc) {
        // x - x is NaN exactly for NaN and +-inf; avoids std:: calls on device.
        const double v = x(i);
        if (!(v - v == 0.0)) ++acc;
      },
      n);
  return n;
}

/// CG update, one pass: x += a p; r -= a q; returns local r·r.
inline double cg_update(double a, const ConstVector& p, const ConstVector& q, const Vector& x,
                        const Vector& r) {
  double rr = 0;
  const ReductionChunks chunks(x.extent(0));
  Kokkos::parallel_reduce(
      "las::cg_update", chunks.policy(),
      KOKKOS_LAMBDA(size_t c, double& acc) {
        double partial = 0;
        for (size_t i = chunks.begin(c); i < chunks.end(c); ++i) {
          x(i) += a * p(i);
          const double ri = r(i) - a * q(i);
          r(i) = ri;
          partial += ri * ri;
        }
        acc += partial;
      },
      rr);
  return rr;
}

/// Jacobi-PCG update, one pass: x += a p; r -= a q; z = dinv .* r;
/// returns local (r·z, r·r).
inline DotPair pcg_jacobi_update(double a, const ConstVector& p, const ConstVector& q,
                                 const ConstVector& dinv, const Vector& x, const Vector& r,
                                 const Vector& z) {
  DotPair dots;
  const ReductionChunks chunks(x.extent(0));
  Kokkos::parallel_reduce(
      "las::pcg_jacobi_update", chunks.policy(),
      KOKKOS_LAMBDA(size_t c, DotPair& acc) {
        double rz = 0, rr = 0;
        for (size_t i = chunks.begin(c); i < chunks.end(c); ++i) {
          x(i) += a * p(i);
          const double ri = r(i) - a * q(i);
          r(i) = ri;
          const double zi = dinv(i) * ri;
          z(i) = zi;
          rz += ri * zi;
          rr += ri * ri;
        }
        acc.first += rz;
        acc.second += rr;
      },
      dots);
  return dots;
}

}  // namespace las::kernels
