# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Environment for this machine (Debian 12 workstation / CI container): everything comes
# from Debian packages (jobs/setup.sh), so there are no modules to load. Sourced by the
# jobs/ scripts when LAS_MACHINE is unset or "local".

# Debian's Kokkos has the Serial backend only: parallelism comes from MPI ranks, so keep
# every threaded library to one thread per rank (OpenBLAS would otherwise spawn one
# thread per core in each rank).
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export OMP_PROC_BIND=${OMP_PROC_BIND:-false}

# Plots and comparisons use Debian's python3-* packages, which belong to /usr/bin/python3.
export LAS_PYTHON=${LAS_PYTHON:-/usr/bin/python3}

# No scheduler here: scaling series (jobs/scaling.py) run their points directly with mpiexec
# through jobs/run_app.sh, one after the other.
export LAS_SCHEDULER=${LAS_SCHEDULER:-none}
