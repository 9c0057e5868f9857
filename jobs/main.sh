#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds las (jobs/build.sh), then runs the main job on this machine, a tour of las with
# one row per capability, each against its anchor in the same run:
#   mpiexec -n ${LAS_RANKS:-2} build/apps/poisson/las_poisson inputs/poisson/default.yaml \
#           --report out/main.json [key=value ...]
#   mpiexec -n ${LAS_RANKS:-2} build/apps/bandit_sor/las_bandit_sor inputs/bandit_sor/tour.yaml \
#           --report out/bandit_sor.json
#   mpiexec -n ${LAS_RANKS:-2} build/apps/ot/las_ot inputs/ot/point_clouds.yaml --report out/ot.json
#   mpiexec -n ${LAS_RANKS:-2} build/apps/learned_cg/las_learned_cg inputs/learned_cg/default.yaml \
#           methods=dcdm,cg,petsc_gamg throughput.passes=1 output.directory=out --report out/learned_cg.json
#   mpiexec -n ${LAS_RANKS:-2} build/apps/adasketch/las_adasketch inputs/adasketch/ci_small.yaml \
#           output.directory=out --report out/adasketch.json
#   mpiexec -n ${LAS_RANKS:-2} build/apps/moe_train/las_moe_train inputs/moe/diffusion_sorption.yaml \
#           --restart inputs/models/moe_diffusion_sorption.h5 output.directory=out --report out/moe.json
# and prints the tour table (jobs/lib/tour_table.py). Extra arguments go to las_poisson
# (deck overrides such as grid.n=512, or options).
# Output files go in out/ at the repo root. The mpiexec line comes from jobs/lib/mpirun.sh
# (--oversubscribe; --allow-run-as-root when root).
set -euo pipefail
LAS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
LAS_JOB_NAME=${LAS_JOB_NAME:-main}
# shellcheck source=lib/common.sh
source "$LAS_ROOT/jobs/lib/common.sh"
# shellcheck source=lib/mpirun.sh
source "$LAS_ROOT/jobs/lib/mpirun.sh"

LAS_JOB_NAME="main" bash "$LAS_ROOT/jobs/build.sh"
las_load_env

cd "$LAS_ROOT"
exe="$(las_build_dir)/apps/poisson/las_poisson"
deck=inputs/poisson/default.yaml
[[ -x $exe ]] || las_die "$exe was not built (is apps/poisson in the build?)"
[[ -f $deck ]] || las_die "deck $deck not found"
ranks=${LAS_RANKS:-2}
mkdir -p out

las_log "running las_poisson on $ranks rank(s); report: out/main.json"
status=0
las_mpirun "$ranks" "$exe" "$deck" --report out/main.json "$@" || status=$?
if ((status != 0)); then
  las_die "las_poisson failed (exit $status)"
fi

bandit="$(las_build_dir)/apps/bandit_sor/las_bandit_sor"
[[ -x $bandit ]] || las_die "$bandit was not built (is apps/bandit_sor in the build?)"
las_log "running las_bandit_sor on $ranks rank(s); report: out/bandit_sor.json"
las_mpirun "$ranks" "$bandit" inputs/bandit_sor/tour.yaml output.directory=out --report out/bandit_sor.json ||
  las_die "las_bandit_sor failed (exit $?)"

ot="$(las_build_dir)/apps/ot/las_ot"
[[ -x $ot ]] || las_die "$ot was not built (is apps/ot in the build?)"
las_log "running las_ot on $ranks rank(s); report: out/ot.json"
las_mpirun "$ranks" "$ot" inputs/ot/point_clouds.yaml --report out/ot.json || las_die "las_ot failed (exit $?)"

lcg="$(las_build_dir)/apps/learned_cg/las_learned_cg"
[[ -x $lcg ]] || las_die "$lcg was not built (is apps/learned_cg in the build?)"
if [[ -f inputs/models/poisson3d.h5 ]]; then
  las_log "running las_learned_cg on $ranks rank(s); report: out/learned_cg.json"
  # The row must take seconds: DCDM against CG and GAMG only (a forward pass costs as much
  # as ~400 CG iterations at 32^3; the deck's full comparison adds FCG, Jacobi-PCG and ICC).
  las_mpirun "$ranks" "$lcg" inputs/learned_cg/default.yaml methods=dcdm,cg,petsc_gamg throughput.passes=1 \
    output.directory=out --report out/learned_cg.json ||
    las_die "las_learned_cg failed (exit $?)"
else
  # The trained model is an input, not a build product: without it the row says so.
  las_log "skipping las_learned_cg: inputs/models/poisson3d.h5 is missing (see inputs/dcdm_train/poisson3d.yaml)"
  rm -f out/learned_cg.json
fi

ada="$(las_build_dir)/apps/adasketch/las_adasketch"
[[ -x $ada ]] || las_die "$ada was not built (is apps/adasketch in the build?)"
las_log "running las_adasketch on $ranks rank(s); report: out/adasketch.json"
las_mpirun "$ranks" "$ada" inputs/adasketch/ci_small.yaml output.directory=out --report out/adasketch.json ||
  las_die "las_adasketch failed (exit $?)"

moe="$(las_build_dir)/apps/moe_train/las_moe_train"
moe_model="$LAS_ROOT/inputs/models/moe_diffusion_sorption.h5"
if [[ -x $moe && -f $moe_model ]]; then
  # Inference only: the shipped model has taken all its steps, so the run just evaluates it.
  las_log "running las_moe_train (evaluation of the shipped model) on $ranks rank(s); report: out/moe.json"
  las_mpirun "$ranks" "$moe" inputs/moe/diffusion_sorption.yaml --restart "$moe_model" output.directory=out \
    output.model=out/moe_model.h5 output.checkpoint=out/moe_checkpoint.h5 --report out/moe.json ||
    las_die "las_moe_train failed (exit $?)"
else
  las_log "skipping las_moe_train: not built (LibTorch off) or inputs/models/moe_diffusion_sorption.h5 missing"
fi

las_log "tour of las (reports in out/):"
python3 "$LAS_ROOT/jobs/lib/tour_table.py" out/main.json out/bandit_sor.json out/ot.json out/learned_cg.json \
  out/adasketch.json out/moe.json
las_log "done: out/main.json out/bandit_sor.json out/ot.json out/learned_cg.json out/adasketch.json out/moe.json"
