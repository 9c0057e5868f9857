#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Does what jobs/main.sh does (installs what is missing, builds, runs the main job's tour on
# its default decks), then runs the whole test suite:
#   ctest --test-dir build --output-on-failure -j ${LAS_TEST_JOBS:-2} [ctest args...]
# LAS_TEST_TOUR=0 skips the tour (only build + ctest), for quick runs of a test subset.
# Examples:
#   jobs/test.sh                      # everything
#   LAS_TEST_TOUR=0 jobs/test.sh -R consumer   # the install/consumer tests only, no tour
#   jobs/test.sh -L np2               # the 2-rank MPI tests
# A run that finds no test fails (--no-tests=error), so a broken registration is noticed.
set -euo pipefail
LAS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
LAS_JOB_NAME=${LAS_JOB_NAME:-test}
# shellcheck source=lib/common.sh
source "$LAS_ROOT/jobs/lib/common.sh"

if [[ ${LAS_TEST_TOUR:-1} == 0 ]]; then
  LAS_JOB_NAME="test" bash "$LAS_ROOT/jobs/build.sh"
else
  # The tour comes first: a build or main-job failure stops here, before ~5 min of ctest.
  LAS_JOB_NAME="test" bash "$LAS_ROOT/jobs/main.sh"
fi

build_dir=$(las_build_dir)
jobs=${LAS_TEST_JOBS:-2}
las_log "ctest in $build_dir (-j $jobs) $*"
cd "$LAS_ROOT"
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j "$jobs" "$@"
