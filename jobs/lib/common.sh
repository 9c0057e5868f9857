# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Sourced by every jobs/ script: messages, the repo root, the per-machine environment.
# The sourcing script sets LAS_ROOT (the repository root) first.

: "${LAS_ROOT:?jobs/lib/common.sh: set LAS_ROOT before sourcing}"
LAS_JOB_NAME=${LAS_JOB_NAME:-$(basename "${0%.*}")}

las_log() { printf '[%s] %s\n' "$LAS_JOB_NAME" "$*" >&2; }
las_die() {
  printf '[%s] error: %s\n' "$LAS_JOB_NAME" "$*" >&2
  exit 1
}

# The build directory (relative paths are relative to the repo root).
las_build_dir() {
  local dir=${LAS_BUILD_DIR:-build}
  [[ $dir == /* ]] || dir="$LAS_ROOT/$dir"
  printf '%s\n' "$dir"
}

# Sources jobs/env/${LAS_MACHINE:-local}.sh once: modules, compilers, threads for a machine.
las_load_env() {
  [[ -n ${LAS_ENV_LOADED:-} ]] && return 0
  local machine=${LAS_MACHINE:-local}
  local file="$LAS_ROOT/jobs/env/$machine.sh"
  if [[ ! -f $file ]]; then
    local known="" f
    for f in "$LAS_ROOT"/jobs/env/*.sh; do
      [[ -e $f ]] && known+="$(basename "$f" .sh) "
    done
    las_die "no environment file for LAS_MACHINE='$machine' ($file); known: ${known:-none}"
  fi
  # shellcheck source=/dev/null
  source "$file"
  export LAS_ENV_LOADED=$machine
}
