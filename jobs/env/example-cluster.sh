# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Environment for a supercomputer: copy this file to jobs/env/<machine>.sh, adapt it, and
# select it with LAS_MACHINE=<machine> (for jobs/build.sh on a login node and for the
# batch templates). It is sourced by bash with `set -euo pipefail` in force: guard
# variables that may be unset, e.g. ${VAR:-}.

# --- modules (uncomment / adapt) ---------------------------------------------------------
# module purge
# module load gcc/12.2.0
# module load openmpi/4.1.5            # or cray-mpich; one MPI for everything below
# module load cmake/3.27 ninja
# module load kokkos/4.3.01-openmp     # CPU nodes: Kokkos with the OpenMP backend
# module load kokkos/4.3.01-cuda-a100  # GPU nodes: Kokkos with CUDA (+ KokkosKernels)
# module load cuda/12.4
# module load hdf5/1.14.3-parallel     # parallel (MPI) HDF5
# module load petsc/3.20.0             # sets PETSC_DIR (and PETSC_ARCH for in-place builds)
# module load yaml-cpp nlohmann-json cli11 googletest

# --- where CMake finds what the modules do not put on CMAKE_PREFIX_PATH -------------------
# export Kokkos_ROOT=/opt/kokkos/4.3.01-openmp
# export KokkosKernels_ROOT=/opt/kokkos-kernels/4.3.01-openmp
# export HDF5_ROOT=/opt/hdf5/1.14.3-parallel
# export PETSC_DIR=/opt/petsc/3.20.0  PETSC_ARCH=""

# --- build (jobs/build.sh) -------------------------------------------------------------------
# No Debian packages here: skip jobs/setup.sh. Build on a login node, in a separate
# directory per node type, with more jobs than the workstation default:
export LAS_SKIP_SETUP=1
# export LAS_BUILD_DIR=build-cpu            # build-gpu for the CUDA build
# export LAS_BUILD_JOBS=16
# export LAS_CMAKE_ARGS="-DLAS_ENABLE_BENCHMARKS=OFF -DCMAKE_CXX_COMPILER=mpicxx"
# For the CUDA build Kokkos' nvcc_wrapper is the C++ compiler:
# export LAS_CMAKE_ARGS="-DCMAKE_CXX_COMPILER=$Kokkos_ROOT/bin/nvcc_wrapper"

# --- run (the batch templates) -----------------------------------------------------------------
# The batch system, for the scaling generator (jobs/scaling.py): slurm, pbs, or none.
export LAS_SCHEDULER=${LAS_SCHEDULER:-slurm}
# Kokkos version of the build, when the build directory's CMakeCache cannot tell (>= 3.7:
# --kokkos-num-threads and --kokkos-map-device-id-by=mpi_rank; older: --kokkos-threads and
# --kokkos-device-id from the node-local rank):
# export LAS_KOKKOS_VERSION=4.3.01
# Slurm: srun is the launcher (jobs/lib/mpirun.sh); PBS: mpiexec. Extra launcher flags:
# export LAS_SRUN_FLAGS="--mpi=pmix"
# export LAS_MPIEXEC_FLAGS="--mca btl ^openib"       # Open MPI
# export LAS_MPIEXEC_FLAGS="--cpu-bind depth"        # Cray PALS / MPICH under PBS
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# CUDA-aware MPI (GPU variant), when the MPI supports it:
# export MPICH_GPU_SUPPORT_ENABLED=1
# export LAS_RUNS_DIR=$SCRATCH/las-runs              # run directories on the scratch file system
