# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# This machine with Debian's own Slurm (slurmctld + slurmd on one node), the way the
# templates and scaling series were tried under a real scheduler (jobs/README.md, "Tried
# under Slurm"). Everything else as jobs/env/local.sh.
source "$(dirname "${BASH_SOURCE[0]}")/local.sh"
export LAS_SCHEDULER=slurm
