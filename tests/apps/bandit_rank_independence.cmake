# SPDX-License-Identifier: BSD-3-Clause
# Red-black SOR is the same iteration at any rank count, so a bandit run on 1 and on 2
# ranks must make identical choices with identical costs. The 1-rank run is the oracle.
#   -DRUN1="las_bandit_sor|deck.yaml"  -DRUN2="mpiexec|-n|2|las_bandit_sor|deck.yaml"  -DWORK=dir
include(${CMAKE_CURRENT_LIST_DIR}/compare_bandit_reports.cmake)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
foreach(n 1 2)
  string(REPLACE "|" ";" run "${RUN${n}}")
  execute_process(COMMAND ${run} --report ${WORK}/np${n}.json RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err TIMEOUT 300)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${n} failed (${rc})\n${out}\n${err}")
  endif()
endforeach()
compare_bandit_reports(${WORK}/np1.json ${WORK}/np2.json)
