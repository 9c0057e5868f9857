# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Sourced. The MPI launch line in one place, for jobs/main.sh and the batch templates.
#
#   las_mpi_command NP         sets the array LAS_MPI_CMD: launcher + flags for NP ranks
#   las_mpirun NP PROGRAM ...  prints the full command line, then runs it
#
# Environment (all optional):
#   LAS_LAUNCHER        auto (srun inside a Slurm job, mpiexec otherwise) | srun | mpiexec
#   LAS_MPIEXEC         the mpiexec program (default: mpiexec)
#   LAS_MPIEXEC_FLAGS   extra mpiexec flags, split on spaces (e.g. "--mca btl ^openib")
#   LAS_SRUN_FLAGS      extra srun flags, split on spaces (e.g. "--gpus-per-task=1")
#   LAS_SRUN_MPI        srun's --mpi plugin: auto (default: pmix where the cluster's
#                       MpiDefault is none and srun offers pmix), default (no --mpi), or
#                       a plugin name (pmix, pmi2, cray_shasta, ...)
#   LAS_OVERSUBSCRIBE   1: allow more ranks than cores (Open MPI --oversubscribe).
#                       Default 1 outside a batch job (a workstation, CI), 0 inside one.
#   LAS_RANKS_PER_NODE  ranks per node in a batch job (srun --ntasks-per-node; Open MPI
#                       --map-by ppr:N:node)
#   LAS_CPUS_PER_RANK   cores per rank (srun --cpus-per-task; Open MPI PE=N), for
#                       OpenMP threads; srun defaults to SLURM_CPUS_PER_TASK
# Open MPI refuses to run as root unless asked (--allow-run-as-root): CI containers do.

las_in_batch_job() { [[ -n ${SLURM_JOB_ID:-} || -n ${PBS_JOBID:-} ]]; }

las_mpi_is_openmpi() {
  local out
  out=$("${LAS_MPIEXEC:-mpiexec}" --version 2>&1 || true)
  [[ $out == *"Open MPI"* || $out == *"OpenRTE"* || $out == *"open-mpi"* ]]
}

# srun's MPI plugin for las_mpi_command (empty: the cluster's default). Open MPI ranks
# started by srun need a PMI; clusters set MpiDefault (or SLURM_MPI_TYPE) for that, but
# a fresh Slurm says none, and every rank then dies in MPI_Init.
las_srun_mpi_plugin() {
  local choice=${LAS_SRUN_MPI:-auto}
  case $choice in
    default) return 0 ;;
    auto)
      [[ -n ${SLURM_MPI_TYPE:-} ]] && return 0
      # Whole outputs first: `cmd | grep -q` fails under pipefail when grep stops early.
      local config plugins
      config=$(scontrol show config 2>/dev/null || true)
      [[ $config =~ (^|$'\n')MpiDefault[[:space:]]*=[[:space:]]*none ]] || return 0
      plugins=$(srun --mpi=list 2>&1 || true)
      [[ $plugins =~ [[:space:]]pmix($|[[:space:]]) ]] && echo pmix
      return 0
      ;;
    *) echo "$choice" ;;
  esac
}

las_mpi_command() {
  local np=${1:?las_mpi_command: number of ranks}
  [[ $np =~ ^[1-9][0-9]*$ ]] || { echo "las_mpi_command: bad rank count '$np'" >&2; return 1; }
  local launcher=${LAS_LAUNCHER:-auto}
  if [[ $launcher == auto ]]; then
    if [[ -n ${SLURM_JOB_ID:-} ]] && command -v srun >/dev/null 2>&1; then
      launcher=srun
    else
      launcher=mpiexec
    fi
  fi
  local -a extra=()
  case $launcher in
    srun)
      LAS_MPI_CMD=(srun --ntasks="$np" --cpu-bind=cores)
      [[ -n ${LAS_RANKS_PER_NODE:-} ]] && LAS_MPI_CMD+=(--ntasks-per-node="$LAS_RANKS_PER_NODE")
      local cpr=${LAS_CPUS_PER_RANK:-${SLURM_CPUS_PER_TASK:-}}
      # Slurm >= 22.05: srun no longer inherits --cpus-per-task from sbatch.
      [[ -n $cpr ]] && LAS_MPI_CMD+=(--cpus-per-task="$cpr")
      local plugin
      plugin=$(las_srun_mpi_plugin)
      [[ -n $plugin ]] && LAS_MPI_CMD+=(--mpi="$plugin")
      read -r -a extra <<<"${LAS_SRUN_FLAGS:-}"
      ;;
    mpiexec)
      local mpiexec=${LAS_MPIEXEC:-mpiexec}
      command -v "$mpiexec" >/dev/null 2>&1 ||
        { echo "las_mpi_command: '$mpiexec' not found (install openmpi-bin, load an MPI module, or set LAS_MPIEXEC)" >&2; return 1; }
      LAS_MPI_CMD=("$mpiexec" -n "$np")
      if las_mpi_is_openmpi; then
        [[ $(id -u) -eq 0 ]] && LAS_MPI_CMD+=(--allow-run-as-root)
        local oversub=${LAS_OVERSUBSCRIBE:-}
        if [[ -z $oversub ]]; then
          if las_in_batch_job; then oversub=0; else oversub=1; fi
        fi
        [[ $oversub == 1 ]] && LAS_MPI_CMD+=(--oversubscribe)
        if [[ -n ${LAS_RANKS_PER_NODE:-} ]]; then
          if [[ -n ${LAS_CPUS_PER_RANK:-} ]]; then
            LAS_MPI_CMD+=(--map-by "ppr:${LAS_RANKS_PER_NODE}:node:PE=${LAS_CPUS_PER_RANK}" --bind-to core)
          else
            LAS_MPI_CMD+=(--map-by "ppr:${LAS_RANKS_PER_NODE}:node" --bind-to core)
          fi
        fi
      fi
      read -r -a extra <<<"${LAS_MPIEXEC_FLAGS:-}"
      ;;
    *)
      echo "las_mpi_command: LAS_LAUNCHER must be auto, srun or mpiexec (got '$launcher')" >&2
      return 1
      ;;
  esac
  LAS_MPI_CMD+=(${extra[@]+"${extra[@]}"})
}

las_mpirun() {
  local np=${1:?las_mpirun: number of ranks}
  shift
  (($# > 0)) || { echo "las_mpirun: no program given" >&2; return 1; }
  las_mpi_command "$np" || return 1
  local line
  printf -v line '%q ' "${LAS_MPI_CMD[@]}" "$@"
  echo "+ ${line% }" >&2
  "${LAS_MPI_CMD[@]}" "$@"
}
