// SPDX-License-Identifier: BSD-3-Clause
// Execution/memory space aliases and the View types every las kernel takes.
#pragma once

#include <Kokkos_Core.hpp>

namespace las::kernels {

using ExecSpace = Kokkos::DefaultExecutionSpace;
using MemSpace = ExecSpace::memory_space;

/// A rank-1 array of values in device memory. LayoutLeft matches KokkosKernels'
/// pre-instantiated (ETI) kernels, which keeps compile times down.
template <class Scalar>
using Array = Kokkos::View<Scalar*, Kokkos::LayoutLeft, MemSpace>;
template <class Scalar>
using ConstArray = Kokkos::View<const Scalar*, Kokkos::LayoutLeft, MemSpace>;

using Vector = Array<double>;
using ConstVector = ConstArray<double>;

}  // namespace las::kernels
