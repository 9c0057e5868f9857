#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds las (jobs/build.sh), then runs the test suite:
#   ctest --test-dir build --output-on-failure -j ${LAS_TEST_JOBS:-2} [ctest args...]
# Examples:
#   jobs/test.sh                      # everything
#   jobs/test.sh -R consumer          # the install/consumer tests only
#   jobs/test.sh -L np2               # the 2-rank MPI tests
# A run that finds no test fails (--no-tests=error), so a broken registration is noticed.
set -euo pipefail
LAS_ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
LAS_JOB_NAME=${LAS_JOB_NAME:-test}
# shellcheck source=lib/common.sh
source "$LAS_ROOT/jobs/lib/common.sh"

LAS_JOB_NAME="test" bash "$LAS_ROOT/jobs/build.sh"

build_dir=$(las_build_dir)
jobs=${LAS_TEST_JOBS:-2}
las_log "ctest in $build_dir (-j $jobs) $*"
cd "$LAS_ROOT"
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j "$jobs" "$@"
