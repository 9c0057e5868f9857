# SPDX-License-Identifier: BSD-3-Clause
# A bandit sequence killed mid-way and restarted from its checkpoint must make exactly
# the choices of the uninterrupted run. The oracle is the uninterrupted run itself:
#   -DRUN="mpiexec|-n|2|las_bandit_sor|deck.yaml"   the command, '|'-separated
#   -DWORK=dir                                       scratch directory
include(${CMAKE_CURRENT_LIST_DIR}/compare_bandit_reports.cmake)
string(REPLACE "|" ";" run "${RUN}")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run_or_fail)
  execute_process(COMMAND ${run} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

run_or_fail(--report ${WORK}/full.json)
# "Killed" after 25 instances: the last checkpoint is from instance 20.
run_or_fail(checkpoint.file=${WORK}/ckpt.h5 checkpoint.stop_after=25)
if(EXISTS ${WORK}/interrupted.json)
  message(FATAL_ERROR "a stopped run wrote a final report")
endif()
run_or_fail(checkpoint.file=${WORK}/ckpt2.h5 --restart ${WORK}/ckpt.h5 --report ${WORK}/restarted.json)

compare_bandit_reports(${WORK}/full.json ${WORK}/restarted.json)
