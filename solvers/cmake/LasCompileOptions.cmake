# SPDX-License-Identifier: BSD-3-Clause
# Warnings apply to las's own code only: third-party headers come in as SYSTEM includes.
# las_warnings is never installed: link it to a library as $<BUILD_INTERFACE:las_warnings>
# (las_add_library does), so installed las targets do not impose -Werror on their users.
add_library(las_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(las_warnings INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>)
  if(LAS_WARNINGS_AS_ERRORS)
    target_compile_options(las_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
  endif()
endif()

# LAS_NATIVE_ARCH: the kernels use the CPU's full vector width and FMA (the float32
# network convolution goes from ~0.15 to ~0.3 of peak on AVX2). Off by default: binaries
# then run on any x86-64.
if(LAS_NATIVE_ARCH AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(las_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-march=native>)
endif()
# LAS_CPU_DISPATCH: the kernels marked LAS_HOST_CLONES (kernels/common/host_clones.hpp)
# are built for SSE2 and AVX2 and the CPU picks at load time, so the portable build runs
# them at AVX2 width where the machine has it. Off (kernels/CMakeLists.txt passes it on
# to installed users of the headers): one SSE2 build of them. Pointless with
# LAS_NATIVE_ARCH, so off for las's own code there.
if(LAS_NATIVE_ARCH)
  target_compile_definitions(las_warnings INTERFACE LAS_NO_CPU_DISPATCH)
elseif(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # The portable build never fuses a * b + c (baseline x86-64 has no FMA, and the AVX2
  # clones are built without it), so every clone rounds exactly as SSE2 does: results
  # stay bit-identical across CPUs, and the bitwise tests (tests/harness/fp_contract.hpp)
  # hold in it. It also keeps a -march in CMAKE_CXX_FLAGS from fusing.
  target_compile_options(las_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-ffp-contract=off>)
endif()

# las_add_executable(name SOURCES ... LIBS ...): an app or tool built with our warnings.
function(las_add_executable name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LIBS} las_warnings)
endfunction()
