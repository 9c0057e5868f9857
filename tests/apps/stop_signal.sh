#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A run told to stop, as a batch system does before its wall-time kill (SIGUSR1 to
# mpiexec, which passes it on to every rank; Slurm's --signal=USR1@T does the same through
# srun), must checkpoint, say in one line how to go on, exit with 128 + 10 and write no
# final output; continued from the checkpoint it must finish.
#   stop_signal.sh WORK CHECKPOINT FINAL RESUME -- COMMAND...
# WORK is emptied first; CHECKPOINT is the file the run writes at each step; FINAL an output
# only a finished run writes; RESUME extra arguments of the continued run, in which @NEXT@
# becomes the step or instance where it stopped plus 2 (so the continued run is short).
set -euo pipefail
work=$1 checkpoint=$2 final=$3 resume=$4
shift 4
[[ $1 == -- ]] && shift
fail() { echo "stop_signal.sh: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
"$@" > "$work/stopped.out" 2> "$work/stopped.err" &
pid=$!
# The checkpoint's name appears once the loop that polls for the signal runs on every rank.
for ((i = 0; i < 1200; ++i)); do
  [[ -f $checkpoint ]] && break
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
done
[[ -f $checkpoint ]] || { kill -9 "$pid" 2> /dev/null || true; fail "no checkpoint $checkpoint appeared"; }
kill -USR1 "$pid"
rc=0
wait "$pid" || rc=$?
cat "$work/stopped.err" >&2
((rc == 138)) || fail "exit code $rc, expected 138 (128 + SIGUSR1)"
line=$(grep "stopped by SIGUSR1" "$work/stopped.err") || fail "no 'stopped by SIGUSR1' line"
[[ $line == *"continue with --restart $checkpoint" ]] || fail "the line does not say how to continue: $line"
[[ ! -e $final ]] || fail "the stopped run wrote $final"
[[ $line =~ (step|instance)\ ([0-9]+)\ of ]] || fail "the line does not say where it stopped: $line"
next=$((BASH_REMATCH[2] + 2))
read -r -a extra <<< "${resume//@NEXT@/$next}"
"$@" --restart "$checkpoint" "${extra[@]}" > "$work/resumed.out" 2>&1 || {
  cat "$work/resumed.out" >&2
  fail "the run continued from $checkpoint failed"
}
echo "stop_signal.sh: stopped with exit 138 at ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}, continued to $next"
