# SPDX-License-Identifier: BSD-3-Clause
# Runs las_ot at output.verbosity = 2 and checks its progress lines against the --report
# it writes in the same run: one line per entry of each solver's marginal-error history
# (the start included), the last line at the solver's iteration count.
#   -DCOMMAND="a|b|c"   the command, '|'-separated, ending in --report REPORT
#   -DREPORT=file       the report it writes
string(REPLACE "|" ";" cmd "${COMMAND}")
list(REMOVE_ITEM cmd "")
file(REMOVE "${REPORT}")
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the command failed (${rc})\nstdout:\n${out}\nstderr:\n${err}")
endif()
file(READ "${REPORT}" report)
string(JSON solvers LENGTH "${report}" solvers)
if(solvers LESS 2)
  message(FATAL_ERROR "${REPORT}: expected both solvers, found ${solvers}")
endif()
string(REPLACE "\n" ";" lines "${out}")
math(EXPR last "${solvers} - 1")
foreach(i RANGE ${last})
  string(JSON method GET "${report}" solvers ${i} method)
  string(JSON entries LENGTH "${report}" solvers ${i} marginal_error_history)
  string(JSON iterations GET "${report}" solvers ${i} iterations)
  set(count 0)
  set(final "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^${method}: iteration ([0-9]+)")
      math(EXPR count "${count} + 1")
      set(final ${CMAKE_MATCH_1})
    endif()
  endforeach()
  if(NOT count EQUAL entries OR NOT final EQUAL iterations)
    message(FATAL_ERROR "${method}: ${count} progress lines ending at iteration '${final}'; the "
                        "report has ${entries} history entries and ${iterations} iterations\n${out}")
  endif()
  message("${method}: ${count} progress lines, last at iteration ${final}: as the report")
endforeach()
