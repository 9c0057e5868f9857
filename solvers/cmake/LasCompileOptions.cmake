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
# then run on any x86-64, and FMA contraction cannot change results in the last bits
# between machines (iteration counts are bit-reproducible only with the same flags).
if(LAS_NATIVE_ARCH AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(las_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-march=native>)
endif()

# las_add_executable(name SOURCES ... LIBS ...): an app or tool built with our warnings.
function(las_add_executable name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LIBS} las_warnings)
endfunction()
