#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs missing packages (jobs/setup.sh), then configures and builds las:
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release $LAS_CMAKE_ARGS
#   cmake --build build -j ${LAS_BUILD_JOBS:-2}
# Environment: LAS_CMAKE_ARGS (extra configure arguments, split on spaces, e.g.
# "-DLAS_ENABLE_PETSC=OFF -DKokkos_ROOT=/opt/kokkos"), LAS_BUILD_JOBS (default 2),
# LAS_BUILD_DIR (default build), LAS_SKIP_SETUP=1 (do not check packages),
# LAS_MACHINE (which jobs/env/<machine>.sh to source; default local).
set -euo pipefail
LAS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
LAS_JOB_NAME=${LAS_JOB_NAME:-build}
# shellcheck source=lib/common.sh
source "$LAS_ROOT/jobs/lib/common.sh"
las_load_env

if [[ ${LAS_SKIP_SETUP:-0} != 1 ]]; then
  bash "$LAS_ROOT/jobs/setup.sh"
fi

cd "$LAS_ROOT"
build_dir=$(las_build_dir)
if [[ -f $build_dir/CMakeCache.txt ]]; then
  generator=$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$build_dir/CMakeCache.txt")
  [[ -z $generator || $generator == Ninja ]] ||
    las_die "$build_dir was configured with '$generator', not Ninja: remove it, or set LAS_BUILD_DIR to another directory"
fi

extra=()
read -r -a extra <<<"${LAS_CMAKE_ARGS:-}"
jobs=${LAS_BUILD_JOBS:-2}
[[ $jobs =~ ^[1-9][0-9]*$ ]] || las_die "LAS_BUILD_JOBS must be a positive integer (got '$jobs')"

las_log "configure: $build_dir ${extra[*]}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "${extra[@]}"
las_log "build: -j $jobs"
cmake --build "$build_dir" -j "$jobs"
las_log "built $build_dir"
