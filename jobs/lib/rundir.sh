# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Sourced by the batch templates. One directory per run keeps together what is needed to
# understand and repeat it:
#   job.sh           copy of the batch script that ran (as the scheduler saw it)
#   deck.yaml        copy of the input deck;  overrides.txt: the key=value overrides
#   command.txt      the launch command line; run.txt: job id, nodes, git version, env
#   <app>.log        the app's output (it starts with the resolved configuration)
#   report.json      the app's --report;  resolved.yaml: the resolved deck, from report.json
#
#   las_run_prepare NAME SCRIPT DECK [OVERRIDE...]   creates it, sets and exports LAS_RUN_DIR,
#                      and sets the array LAS_RUN_OVERRIDES: the overrides with every
#                      "{run_dir}" replaced by the run directory (output.file={run_dir}/x.h5)
#   las_run_record_command CMD...                    writes command.txt
#   las_run_finish STATUS                            extracts resolved.yaml from the report
# LAS_RUNS_DIR (default <repo>/out/runs) is where run directories go; a LAS_RUN_DIR set
# beforehand (a scaling series' point) is used as it is.

las_run_prepare() {
  local name=$1 script=$2 deck=$3
  shift 3
  local jobid=${SLURM_JOB_ID:-${PBS_JOBID:-local-$$}}
  jobid=${jobid%%.*}   # PBS: 1234.server -> 1234
  if [[ -n ${LAS_RUN_DIR:-} ]]; then
    # Set by the scaling generator (jobs/scaling.py), which wrote job.sh there itself.
    mkdir -p "$LAS_RUN_DIR"
  else
    local runs=${LAS_RUNS_DIR:-$LAS_ROOT/out/runs}
    LAS_RUN_DIR="$runs/${name}-$(date +%Y%m%d-%H%M%S)-${jobid}"
    mkdir -p "$LAS_RUN_DIR"
  fi
  export LAS_RUN_DIR
  [[ -f $LAS_RUN_DIR/job.sh ]] || cp -- "$script" "$LAS_RUN_DIR/job.sh"
  cp -- "$deck" "$LAS_RUN_DIR/deck.yaml"
  LAS_RUN_OVERRIDES=()
  (($# == 0)) || LAS_RUN_OVERRIDES=("${@//\{run_dir\}/$LAS_RUN_DIR}")
  : >"$LAS_RUN_DIR/overrides.txt"
  ((${#LAS_RUN_OVERRIDES[@]} == 0)) || printf '%s\n' "${LAS_RUN_OVERRIDES[@]}" >"$LAS_RUN_DIR/overrides.txt"
  {
    echo "run: $name"
    echo "job id: $jobid"
    echo "started: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "deck: $deck"
    echo "repo: $LAS_ROOT ($(git -C "$LAS_ROOT" describe --always --dirty --tags 2>/dev/null || echo 'not a git checkout'))"
    echo "machine env: jobs/env/${LAS_ENV_LOADED:-?}.sh"
    if [[ -n ${SLURM_JOB_ID:-} ]]; then
      echo "nodes: ${SLURM_JOB_NODELIST:-?} (${SLURM_JOB_NUM_NODES:-?})"
    elif [[ -n ${PBS_NODEFILE:-} && -r ${PBS_NODEFILE:-} ]]; then
      echo "nodes: $(sort -u "$PBS_NODEFILE" | tr '\n' ' ')"
    else
      echo "nodes: $(hostname)"
    fi
    # A shared machine's timings mean little without the load they ran under.
    [[ -r /proc/loadavg ]] && echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    if command -v module >/dev/null 2>&1 || declare -F module >/dev/null; then
      echo "modules:"
      module list 2>&1 | sed 's/^/  /' || true
    fi
    echo "environment:"
    env | grep -E '^(LAS_|OMP_|KOKKOS_|OPENBLAS_|SLURM_(JOB_|NTASKS|CPUS|GPUS|TASKS)|PBS_(JOBID|NODEFILE|O_WORKDIR)|CUDA_VISIBLE|PETSC_)' |
      sort | sed 's/^/  /' || true
  } >"$LAS_RUN_DIR/run.txt"
}

# Writes the full command line, shell-quoted, to command.txt.
las_run_record_command() {
  printf '%q ' "$@" >"$LAS_RUN_DIR/command.txt"
  echo >>"$LAS_RUN_DIR/command.txt"
}

las_run_finish() {
  local status=$1
  echo "finished: $(date -u +%Y-%m-%dT%H:%M:%SZ), exit status $status" >>"$LAS_RUN_DIR/run.txt"
  local report="$LAS_RUN_DIR/report.json"
  [[ -f $report ]] || { echo "[run] no report.json (the run failed before writing it)" >&2; return 0; }
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$report" "$LAS_RUN_DIR/resolved.yaml" <<'PY' || echo "[run] could not extract resolved.yaml from report.json" >&2
import json, sys
with open(sys.argv[1]) as f:
    config = json.load(f).get("config")
if isinstance(config, str):
    with open(sys.argv[2], "w") as f:
        f.write(config)
PY
  elif command -v jq >/dev/null 2>&1; then
    jq -r '.config // empty' "$report" >"$LAS_RUN_DIR/resolved.yaml" || true
  fi
}
