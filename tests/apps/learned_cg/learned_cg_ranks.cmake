# SPDX-License-Identifier: BSD-3-Clause
# las_learned_cg on 1 and on 2 ranks: both converge, and 2 ranks take exactly the 1-rank
# run's iterations (the oracle) for dcdm, fcg and cg; the run writes its history CSV
# (one line per residual of every method) and the PNG.
#   -DRUN1="las_learned_cg|deck.yaml|..."  -DRUN2="mpiexec|-n|2|las_learned_cg|..."  -DWORK=dir
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/np1" "${WORK}/np2")
foreach(n 1 2)
  string(REPLACE "|" ";" run "${RUN${n}}")
  execute_process(COMMAND ${run} output.directory=${WORK}/np${n} --report ${WORK}/np${n}.json
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${n} failed (${rc})\n${out}\n${err}")
  endif()
  file(READ ${WORK}/np${n}.json json${n})
endforeach()
message("${out}")

string(JSON count LENGTH "${json1}" methods)
math(EXPR last "${count} - 1")
set(history_lines 1)  # the CSV header
foreach(i RANGE ${last})
  string(JSON name GET "${json1}" methods ${i} name)
  string(JSON it1 GET "${json1}" methods ${i} iterations)
  string(JSON it2 GET "${json2}" methods ${i} iterations)
  string(JSON converged GET "${json1}" methods ${i} converged)
  string(JSON residual GET "${json1}" methods ${i} relative_true_residual)
  message("${name}: ${it1} iterations at 1 rank, ${it2} at 2 ranks, true relative residual ${residual}")
  if(NOT converged)
    message(FATAL_ERROR "${name} did not converge")
  endif()
  if(NOT it1 EQUAL it2)
    message(FATAL_ERROR "${name}: ${it1} iterations on 1 rank but ${it2} on 2")
  endif()
  math(EXPR history_lines "${history_lines} + ${it1} + 1")
endforeach()
file(STRINGS ${WORK}/np2/learned_cg_history.csv lines)
list(LENGTH lines n_lines)
if(NOT n_lines EQUAL history_lines)
  message(FATAL_ERROR "learned_cg_history.csv has ${n_lines} lines, expected ${history_lines}")
endif()
if(NOT EXISTS ${WORK}/np2/learned_cg_residuals.png)
  message(FATAL_ERROR "learned_cg_residuals.png was not written")
endif()
