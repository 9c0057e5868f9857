# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Sourced. The body shared by the batch templates (jobs/slurm/las.sbatch, jobs/pbs/las.pbs)
# and the direct launcher (jobs/run_app.sh): which app, which deck, the Kokkos arguments of
# the CPU and GPU variants, the run directory, the launch. The caller sources common.sh,
# mpirun.sh and rundir.sh first and works out the layout from its scheduler.
#
#   las_app_parse_args [APP] [DECK] [key=value ...]
#        sets LAS_APP (arg, else $LAS_APP, else las_poisson), deck (arg, else $LAS_DECK,
#        else the app's default deck) and the array overrides (args, else $LAS_OVERRIDES
#        split on spaces); a relative deck is looked up in the submission dir, then the repo
#   las_app_run NODES RANKS THREADS VARIANT GPUS_PER_NODE
#        prepares the run directory, builds the launch line and runs it
#
# Variables: LAS_EXE (another executable), LAS_KOKKOS_VERSION (else read from the build's
# CMakeCache), LAS_DRY_RUN=1 (prepare the run directory and command.txt, run nothing).

# The apps las builds; the executable is <build>/apps/<name without las_>/<name>.
LAS_APPS=(las_poisson las_bandit_sor las_ot las_learned_cg las_pde_data las_dcdm_train las_adasketch las_moe_train)

las_app_default_deck() {
  case $1 in
    las_poisson) echo inputs/poisson/default.yaml ;;
    las_bandit_sor) echo inputs/bandit_sor/tour.yaml ;;
    las_ot) echo inputs/ot/point_clouds.yaml ;;
    las_learned_cg) echo inputs/learned_cg/default.yaml ;;
    las_pde_data) echo inputs/pde_data/diffusion_sorption.yaml ;;
    las_dcdm_train) echo inputs/dcdm_train/poisson2d.yaml ;;
    las_adasketch) echo inputs/adasketch/poisson_control_64.yaml ;;
    las_moe_train) echo inputs/moe/diffusion_sorption.yaml ;;
  esac
}

# Apps that train on one rank (LibTorch, no MPI decomposition) run as a one-rank job.
las_app_max_ranks() {
  case $1 in
    las_dcdm_train) echo 1 ;;
    *) echo 0 ;;
  esac
}

las_app_is_known() {
  local a
  for a in "${LAS_APPS[@]}"; do [[ $a == "$1" ]] && return 0; done
  return 1
}

las_app_parse_args() {
  # An app is a bare name (las_ot); a deck has a suffix or a directory (las_ot.yaml).
  if (($# > 0)) && [[ $1 == las_* && $1 != *[=./]* ]]; then
    LAS_APP=$1
    shift
  fi
  LAS_APP=${LAS_APP:-las_poisson}
  las_app_is_known "$LAS_APP" || las_die "unknown app '$LAS_APP'; known: ${LAS_APPS[*]}"
  deck=${LAS_DECK:-$(las_app_default_deck "$LAS_APP")}
  if (($# > 0)) && [[ $1 != *=* ]]; then
    deck=$1
    shift
  fi
  overrides=("$@")
  if ((${#overrides[@]} == 0)) && [[ -n ${LAS_OVERRIDES:-} ]]; then
    read -r -a overrides <<<"$LAS_OVERRIDES"
  fi
  local submit_dir=${SLURM_SUBMIT_DIR:-${PBS_O_WORKDIR:-$PWD}}
  if [[ $deck != /* ]]; then
    if [[ -f $submit_dir/$deck ]]; then deck="$submit_dir/$deck"; else deck="$LAS_ROOT/$deck"; fi
  fi
  [[ -f $deck ]] || las_die "deck not found: $deck"
}

# Kokkos version (major.minor.patch) of the build: LAS_KOKKOS_VERSION, else the
# KokkosConfigVersion.cmake of the Kokkos the build directory was configured with.
las_kokkos_version() {
  if [[ -n ${LAS_KOKKOS_VERSION:-} ]]; then
    echo "$LAS_KOKKOS_VERSION"
    return 0
  fi
  local cache kdir
  cache="$(las_build_dir)/CMakeCache.txt"
  kdir=$(sed -n 's/^Kokkos_DIR:[A-Z]*=//p' "$cache" 2>/dev/null || true)
  if [[ -n $kdir && -f $kdir/KokkosConfigVersion.cmake ]]; then
    sed -n 's/^set(PACKAGE_VERSION "\([0-9.]*\)").*/\1/p' "$kdir/KokkosConfigVersion.cmake" | head -n1
  fi
}

# 0 when the Kokkos version $1 is at least 3.7 (the release that renamed the threads
# option and added --kokkos-map-device-id-by; "3.4.01" -> 3.4 -> no).
las_kokkos_at_least_3_7() {
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] || return 1
  ((10#$major > 3 || (10#$major == 3 && 10#$minor >= 7)))
}

# Sets kokkos_args (appended to the app's arguments) and launch_prefix (between the MPI
# launcher and the app) for VARIANT with THREADS per rank and GPUS_PER_NODE.
las_kokkos_layout() {
  local variant=$1 threads=$2 gpus_per_node=$3 version new=0
  version=$(las_kokkos_version)
  if [[ -z $version ]]; then
    las_log "Kokkos version unknown (no CMakeCache in $(las_build_dir)): assuming >= 3.7; set LAS_KOKKOS_VERSION"
    new=1
  elif las_kokkos_at_least_3_7 "$version"; then
    new=1
  fi
  kokkos_args=()
  launch_prefix=()
  case $variant in
    cpu)
      # Kokkos' OpenMP backend reads OMP_NUM_THREADS too; the option makes the count explicit
      # (a Serial-only build such as Debian's ignores it).
      if ((new)); then kokkos_args=(--kokkos-num-threads="$threads"); else kokkos_args=(--kokkos-threads="$threads"); fi
      ;;
    gpu)
      if ((new)); then
        kokkos_args=(--kokkos-map-device-id-by=mpi_rank)
      else
        # Kokkos < 3.7 has no mapping by rank: each rank gets --kokkos-device-id from its
        # node-local rank, through a wrapper the launcher starts once per rank.
        launch_prefix=(env LAS_GPUS_PER_NODE="$gpus_per_node" bash "$LAS_ROOT/jobs/lib/gpu_by_local_rank.sh")
      fi
      ;;
  esac
  LAS_KOKKOS_VERSION_USED=${version:-unknown}
}

las_app_run() {
  local nodes=$1 ranks=$2 threads=$3 variant=$4 gpus_per_node=$5
  local name=$LAS_APP max
  local exe=${LAS_EXE:-$(las_build_dir)/apps/${name#las_}/$name}
  [[ -x $exe ]] || las_die "$exe not found: build first (LAS_MACHINE=... jobs/build.sh) or set LAS_EXE"
  max=$(las_app_max_ranks "$name")
  if ((max > 0 && ranks > max)); then
    las_log "$name runs on $max rank(s): using $max of the $ranks rank(s) the job has"
    ranks=$max
  fi
  [[ $variant == cpu || $variant == gpu ]] || las_die "LAS_VARIANT must be cpu, gpu or auto (got '$variant')"
  export OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread OMP_PLACES=threads
  las_kokkos_layout "$variant" "$threads" "$gpus_per_node"
  las_log "$variant variant: $nodes node(s), $ranks rank(s), $threads thread(s) per rank, Kokkos $LAS_KOKKOS_VERSION_USED"

  las_run_prepare "$name" "${BASH_SOURCE[1]}" "$deck" ${overrides[@]+"${overrides[@]}"}
  las_log "run directory: $LAS_RUN_DIR"
  cd "$LAS_ROOT"   # decks name their files relative to the repo root
  las_mpi_command "$ranks"
  local -a cmd=("${LAS_MPI_CMD[@]}" ${launch_prefix[@]+"${launch_prefix[@]}"} "$exe" "$deck"
                ${LAS_RUN_OVERRIDES[@]+"${LAS_RUN_OVERRIDES[@]}"} --report "$LAS_RUN_DIR/report.json"
                ${kokkos_args[@]+"${kokkos_args[@]}"})
  las_run_record_command "${cmd[@]}"
  las_log "+ $(cat "$LAS_RUN_DIR/command.txt")"
  if [[ ${LAS_DRY_RUN:-0} == 1 ]]; then
    las_log "dry run: nothing started"
    return 0
  fi
  local status=0
  # A scheduler's stop warning (SIGTERM at the wall-time limit, or the signal asked for with
  # sbatch --signal=USR1@SECONDS) reaches the app, and las_moe_train, las_dcdm_train and
  # las_bandit_sor checkpoint and exit 128 + signal. Neither this script nor tee may die of
  # it first: the app's last lines and the run's status would be lost.
  trap 'las_log "stop signal received: waiting for $name to checkpoint and stop"' TERM USR1
  "${cmd[@]}" 2>&1 | (trap '' TERM USR1 && exec tee "$LAS_RUN_DIR/$name.log") || status=$?   # pipefail: the app's status
  trap - TERM USR1
  las_run_finish "$status"
  ((status == 0)) || las_die "$name failed (exit $status); see $LAS_RUN_DIR"
  las_log "done: $LAS_RUN_DIR"
}
