# SPDX-License-Identifier: BSD-3-Clause
# Finds las's dependencies. Every one is selectable the usual way (<Pkg>_ROOT or
# CMAKE_PREFIX_PATH), so a supercomputer's own Kokkos/PETSc/HDF5 replace Debian's.

# The library version string tells Open MPI apart (its mpiexec needs --oversubscribe).
set(MPI_DETERMINE_LIBRARY_VERSION ON)
find_package(MPI REQUIRED COMPONENTS C CXX)

# --- Kokkos + KokkosKernels -------------------------------------------------------
# A standalone Kokkos exports a working Kokkos::kokkos. Debian's Trilinos 13.2 build
# exports a Kokkos::kokkos whose include directory does not exist, so for a TriBITS
# install we link its per-package targets and add the include directory ourselves.
# las_kokkos hides the difference from the rest of the build.
find_package(Kokkos REQUIRED)
find_package(KokkosKernels REQUIRED)
add_library(las_kokkos INTERFACE)
if(Kokkos_LIBRARIES MATCHES "trilinos_kokkoscore")
  set(LAS_KOKKOS_FROM_TRILINOS ON)
  target_include_directories(las_kokkos SYSTEM INTERFACE ${KokkosKernels_INCLUDE_DIRS})
  target_link_libraries(las_kokkos INTERFACE ${KokkosKernels_LIBRARIES})
else()
  set(LAS_KOKKOS_FROM_TRILINOS OFF)
  if(TARGET Kokkos::kokkoskernels)
    target_link_libraries(las_kokkos INTERFACE Kokkos::kokkoskernels Kokkos::kokkos)
  else()
    target_link_libraries(las_kokkos INTERFACE Kokkos::kokkos)
    target_include_directories(las_kokkos SYSTEM INTERFACE ${KokkosKernels_INCLUDE_DIRS})
    target_link_libraries(las_kokkos INTERFACE ${KokkosKernels_LIBRARIES})
  endif()
endif()
message(STATUS "las: Kokkos devices: ${Kokkos_DEVICES} (from Trilinos: ${LAS_KOKKOS_FROM_TRILINOS})")

# --- HDF5 (parallel) --------------------------------------------------------------
set(HDF5_PREFER_PARALLEL TRUE)
find_package(HDF5 REQUIRED COMPONENTS C)
if(NOT HDF5_IS_PARALLEL)
  message(FATAL_ERROR "las needs a parallel (MPI) HDF5; found a serial one at ${HDF5_INCLUDE_DIRS}. "
                      "Point HDF5_ROOT at a parallel build (Debian: libhdf5-openmpi-dev).")
endif()

# --- configuration and reporting ---------------------------------------------------
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)
find_package(CLI11 REQUIRED)
if(TARGET yaml-cpp::yaml-cpp)
  set(LAS_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(LAS_YAML_TARGET yaml-cpp)   # yaml-cpp 0.7 exports no namespace
endif()

# --- PETSc (anchors, plug-in) -------------------------------------------------------
if(LAS_ENABLE_PETSC)
  # PETSc ships only pkg-config; PETSC_DIR/PETSC_ARCH of a user's build are honoured.
  find_package(PkgConfig REQUIRED)
  if(DEFINED ENV{PETSC_DIR})
    set(_las_petsc_pc "$ENV{PETSC_DIR}/$ENV{PETSC_ARCH}/lib/pkgconfig")
    set(ENV{PKG_CONFIG_PATH} "${_las_petsc_pc}:$ENV{PKG_CONFIG_PATH}")
  endif()
  if(DEFINED PETSC_ROOT)
    set(ENV{PKG_CONFIG_PATH} "${PETSC_ROOT}/lib/pkgconfig:$ENV{PKG_CONFIG_PATH}")
  endif()
  pkg_check_modules(PETSC REQUIRED IMPORTED_TARGET PETSc>=3.18)
endif()

# --- Sacado (automatic differentiation of las::opt's problems) ------------------------
# Its forward-mode Fad types are header-only but for Teuchos' RCP bookkeeping
# (trilinos_teuchoscore). SACADO_DISABLE_FAD_VIEW_SPEC keeps the headers from pulling in
# Kokkos-View-of-Fad and Teuchos' MPI adapters, which las does not use. Plain paths (not
# Trilinos' imported targets) so an installed las needs no find_package(Sacado).
find_package(Sacado REQUIRED)
find_library(LAS_TEUCHOSCORE_LIBRARY trilinos_teuchoscore
             HINTS ${Sacado_LIBRARY_DIRS} "${Sacado_DIR}/../.." REQUIRED)
add_library(las_sacado INTERFACE)
target_include_directories(las_sacado SYSTEM INTERFACE ${Sacado_INCLUDE_DIRS})
target_compile_definitions(las_sacado INTERFACE SACADO_DISABLE_FAD_VIEW_SPEC)
target_link_libraries(las_sacado INTERFACE ${LAS_TEUCHOSCORE_LIBRARY})

# --- IPOPT (the constrained optimiser's anchor) ----------------------------------------
# pkg-config only (Debian's coinor-libipopt-dev 3.11). Its sequential MUMPS exports fake
# MPI symbols, so IPOPT is linked only into executables without MPI (cmake-recipe.md).
if(LAS_ENABLE_IPOPT)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IPOPT REQUIRED IMPORTED_TARGET ipopt)
endif()

# --- FFTW (the pseudo-spectral Navier–Stokes reference solver, las::pde) ---------------
# pkg-config only (Debian's libfftw3-dev). Plain paths in an INTERFACE target, like
# las_sacado, so an installed las needs no pkg-config module of its own.
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFTW3 REQUIRED fftw3)
add_library(las_fftw INTERFACE)
target_include_directories(las_fftw SYSTEM INTERFACE ${FFTW3_INCLUDE_DIRS})
target_link_libraries(las_fftw INTERFACE ${FFTW3_LINK_LIBRARIES})

if(LAS_ENABLE_TESTS)
  find_package(GTest REQUIRED)
endif()
if(LAS_ENABLE_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

if(LAS_ENABLE_TORCH)
  find_package(Torch REQUIRED)
endif()
