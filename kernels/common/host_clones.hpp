// SPDX-License-Identifier: BSD-3-Clause
// LAS_HOST_CLONES: compile a host kernel's inner function for baseline x86-64 (SSE2) and
// for AVX2, and let the loader pick the one the CPU runs (GCC function multi-versioning:
// target_clones, resolved through a glibc ifunc). The portable build then runs AVX2 code
// where the machine has it, while the binary still runs on any x86-64. The clone is
// "avx2", not "arch=x86-64-v3": -mavx2 does not enable FMA, so no compiler flag can fuse
// a multiply-add in it, and both clones round alike (las's portable build also compiles
// with -ffp-contract=off): results are the same on every x86-64 CPU. No AVX-512 clone
// (slower here without FMA; README, Performance).
//
// Empty (one plain function) on device compilers and OpenMP offload, on compilers other
// than GCC, off x86-64 Linux with glibc, when the build already targets AVX2 (e.g.
// LAS_NATIVE_ARCH), and with LAS_NO_CPU_DISPATCH (the CMake option LAS_CPU_DISPATCH=OFF).
#pragma once

#include <Kokkos_Macros.hpp>
#include <cstddef>  // defines __GLIBC__ where glibc is the C library

#if defined(__GNUC__) && !defined(__clang__) && !defined(__INTEL_COMPILER) &&            \
    !defined(__NVCOMPILER) && defined(__x86_64__) && defined(__linux__) &&                \
    defined(__GLIBC__) && !defined(__CUDACC__) && !defined(__HIPCC__) &&                  \
    !defined(__SYCL_DEVICE_ONLY__) && !defined(KOKKOS_ENABLE_OPENMPTARGET) &&             \
    !defined(__AVX2__) && !defined(LAS_NO_CPU_DISPATCH)
#define LAS_HOST_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define LAS_HOST_CLONES
#endif
