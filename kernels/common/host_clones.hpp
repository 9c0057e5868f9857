// SPDX-License-Identifier: BSD-3-Clause
// LAS_HOST_CLONES: compile a host kernel's inner function once per x86-64 level and let
// the loader pick the widest the CPU runs (GCC function multi-versioning, an ifunc).
// The portable build then runs AVX2 or AVX-512 code where the machine has it, while
// the binary still runs on any x86-64 (SSE2).
//
// Empty (one plain function) on device compilers, on other compilers and CPUs, where
// LAS_NATIVE_ARCH already compiles for this machine, and with LAS_NO_CPU_DISPATCH
// (the CMake option LAS_CPU_DISPATCH=OFF). las's portable build compiles with
// -ffp-contract=off, so no clone fuses a multiply-add and every clone gives the SSE2
// result bit for bit (a code that includes these headers with contraction on may get
// FMA in the AVX2 / AVX-512 clones, and then results that differ in the last bits).
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && !defined(__INTEL_COMPILER) &&   \
    defined(__x86_64__) && defined(__ELF__) && !defined(__CUDACC__) &&            \
    !defined(__HIPCC__) && !defined(__SYCL_DEVICE_ONLY__) && !defined(LAS_NO_CPU_DISPATCH)
#define LAS_HOST_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define LAS_HOST_CLONES
#endif
