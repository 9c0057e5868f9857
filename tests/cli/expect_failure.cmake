# SPDX-License-Identifier: BSD-3-Clause
# Runs a command that must fail cleanly on bad input, and checks what a user sees:
#   -DCOMMAND="a|b|c"      the command, '|'-separated
#   -DEXPECT="regex"       must match the error line
#   -DNO_FILES="f1|f2"     files that must not exist afterwards (no partial output)
#   -DOUTDIR=dir           directory that must hold no temporary leftovers afterwards
# Passes when the exit code is non-zero, the run ends within the timeout (no hung
# rank), exactly one "error" line is printed, and it matches EXPECT.
string(REPLACE "|" ";" cmd "${COMMAND}")
string(REPLACE "|" ";" no_files "${NO_FILES}")
if(OUTDIR)
  file(REMOVE_RECURSE "${OUTDIR}")
  file(MAKE_DIRECTORY "${OUTDIR}")
endif()
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
message("exit: ${rc}\nstderr:\n${err}")
if(rc MATCHES "timeout|Process terminated")
  message(FATAL_ERROR "the command hung (${rc})")
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "the command succeeded on bad input")
endif()
# A ';' in a message would split CMake's list of matches: count on a copy without.
string(REPLACE ";" "," err_text "${err}")
string(REGEX MATCHALL "[^\n]*: error[^\n]*" error_lines "${err_text}")
list(LENGTH error_lines n_errors)
if(NOT n_errors EQUAL 1)
  message(FATAL_ERROR "expected exactly one error line, got ${n_errors}")
endif()
if(NOT error_lines MATCHES "${EXPECT}")
  message(FATAL_ERROR "the error line does not match '${EXPECT}'")
endif()
foreach(f IN LISTS no_files)
  if(EXISTS "${f}")
    message(FATAL_ERROR "output file ${f} exists after a failed run")
  endif()
endforeach()
if(OUTDIR)
  file(GLOB leftovers "${OUTDIR}/*")
  if(leftovers)
    message(FATAL_ERROR "files left in ${OUTDIR}: ${leftovers}")
  endif()
endif()
