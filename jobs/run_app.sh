#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Any las app on this machine without a scheduler, with the batch templates' run directory
# and launch line (jobs/lib/batch_app.sh): what the "local" machine of a scaling series runs.
#   LAS_RANKS=2 jobs/run_app.sh [APP] [DECK] [key=value ...]
# LAS_RANKS (default 1) MPI ranks, LAS_THREADS (default 1) threads per rank; the machine
# file is jobs/env/${LAS_MACHINE:-local}.sh. LAS_DRY_RUN=1 prepares the run directory only.
set -euo pipefail
LAS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
for lib in common mpirun rundir batch_app; do source "$LAS_ROOT/jobs/lib/$lib.sh"; done
las_load_env
las_app_parse_args "$@"
LAS_JOB_NAME=$LAS_APP
ranks=${LAS_RANKS:-1}
threads=${LAS_THREADS:-1}
[[ $ranks =~ ^[1-9][0-9]*$ ]] || las_die "LAS_RANKS must be a positive integer (got '$ranks')"
[[ $threads =~ ^[1-9][0-9]*$ ]] || las_die "LAS_THREADS must be a positive integer (got '$threads')"
las_app_run 1 "$ranks" "$threads" "${LAS_VARIANT:-cpu}" "${LAS_GPUS_PER_NODE:-0}"
