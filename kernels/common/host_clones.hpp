// SPDX-License-Identifier: BSD-3-Clause
// LAS_HOST_CLONES: compile a host kernel's inner function for baseline x86-64 (SSE2)
// and for x86-64-v3 (AVX2) and let the loader pick the one the CPU runs (GCC function
// multi-versioning, an ifunc). The portable build then runs AVX2 code where the machine
// has it, while the binary still runs on any x86-64. No AVX-512 clone: without FMA
// (below) it made the variable 3D stencil apply slower than SSE2 (0.67 against 0.77 of
// the triad past the L3, where AVX2 gives 0.77-0.83; bench_kernels, 2026-12-07).
//
// Empty (one plain function) on device compilers, on other compilers and CPUs, where
// LAS_NATIVE_ARCH already compiles for this machine, and with LAS_NO_CPU_DISPATCH
// (the CMake option LAS_CPU_DISPATCH=OFF). las's portable build compiles with
// -ffp-contract=off, so no clone fuses a multiply-add and the AVX2 clone gives the SSE2
// result bit for bit (a code that includes these headers with contraction on may get
// FMA in the AVX2 clone, and then results that differ in the last bits).
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && !defined(__INTEL_COMPILER) &&   \
    defined(__x86_64__) && defined(__ELF__) && !defined(__CUDACC__) &&            \
    !defined(__HIPCC__) && !defined(__SYCL_DEVICE_ONLY__) && !defined(LAS_NO_CPU_DISPATCH)
#define LAS_HOST_CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define LAS_HOST_CLONES
#endif
