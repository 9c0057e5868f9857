# SPDX-License-Identifier: BSD-3-Clause
# A bandit sequence killed mid-way and restarted from its checkpoint must make exactly
# the choices of the uninterrupted run. The oracle is the uninterrupted run itself:
#   -DRUN="mpiexec|-n|2|las_bandit_sor|deck.yaml"   the command, '|'-separated
#   -DWORK=dir                                       scratch directory
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

file(READ ${WORK}/full.json full)
file(READ ${WORK}/restarted.json restarted)
string(JSON n_policies LENGTH "${full}" policies)
if(n_policies LESS 1)
  message(FATAL_ERROR "no policies in the report")
endif()
math(EXPR last "${n_policies} - 1")
foreach(p RANGE ${last})
  string(JSON name GET "${full}" policies ${p} name)
  string(JSON a GET "${full}" policies ${p} choices)
  string(JSON b GET "${restarted}" policies ${p} choices)
  string(JSON ia GET "${full}" policies ${p} total_iterations)
  string(JSON ib GET "${restarted}" policies ${p} total_iterations)
  if(NOT a STREQUAL b OR NOT ia STREQUAL ib)
    message(FATAL_ERROR "${name}: the restarted run chose differently\nfull:      ${a} (${ia})\nrestarted: ${b} (${ib})")
  endif()
  message("${name}: identical choices, ${ia} iterations")
endforeach()
string(JSON fa GET "${full}" instance_optimal_mean_iterations)
string(JSON fb GET "${restarted}" instance_optimal_mean_iterations)
if(NOT fa STREQUAL fb)
  message(FATAL_ERROR "baselines differ after the restart: ${fa} vs ${fb}")
endif()
