#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Started by the MPI launcher once per rank (GPU variant with Kokkos < 3.7, which has no
# --kokkos-map-device-id-by): runs PROGRAM ARGS... --kokkos-device-id=<node-local rank mod
# LAS_GPUS_PER_NODE>, so the ranks of a node take one GPU each.
#   gpu_by_local_rank.sh PROGRAM [ARGS...]
# The node-local rank comes from whichever launcher started us: Open MPI, Slurm, MPICH/Hydra
# (MPI_LOCALRANKID), PMI/PMIx, Cray PALS, MVAPICH2.
set -euo pipefail
(($# > 0)) || { echo "[gpu_by_local_rank] error: no program given" >&2; exit 1; }
local_rank=
for var in OMPI_COMM_WORLD_LOCAL_RANK SLURM_LOCALID MPI_LOCALRANKID PMIX_LOCAL_RANK PMI_LOCAL_RANK \
           PALS_LOCAL_RANKID MV2_COMM_WORLD_LOCAL_RANK; do
  [[ -n ${!var:-} ]] && { local_rank=${!var}; break; }
done
die() { echo "[gpu_by_local_rank] error: $*" >&2; exit 1; }
[[ $local_rank =~ ^[0-9]+$ ]] || die "no node-local rank in the environment (not started by an MPI launcher?)"
gpus=${LAS_GPUS_PER_NODE:-1}
[[ $gpus =~ ^[1-9][0-9]*$ ]] || die "LAS_GPUS_PER_NODE must be a positive integer (got '$gpus')"
exec "$@" --kokkos-device-id=$((local_rank % gpus))
