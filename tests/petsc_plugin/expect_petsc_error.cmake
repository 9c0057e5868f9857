# SPDX-License-Identifier: BSD-3-Clause
# Runs a PETSc program that must stop with a PETSc error on bad options:
#   -DCOMMAND="a|b|c"   the command, '|'-separated
#   -DEXPECT="regex"    must match PETSc's error message line ("[0]PETSC ERROR: ...")
# Passes when the exit code is non-zero, the run ends within the timeout (no hung rank)
# and the message matches.
string(REPLACE "|" ";" cmd "${COMMAND}")
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
string(REGEX MATCHALL "PETSC ERROR: [^\n]*" lines "${err}")
list(LENGTH lines n)
if(n GREATER 3)
  list(SUBLIST lines 0 3 lines)
endif()
message("exit: ${rc}\nfirst error lines:\n${lines}")
if(rc MATCHES "timeout|Process terminated")
  message(FATAL_ERROR "the command hung (${rc})")
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "the command succeeded on bad options")
endif()
if(NOT err MATCHES "PETSC ERROR: [^\n]*${EXPECT}")
  message(FATAL_ERROR "no PETSc error line matches '${EXPECT}':\n${err}")
endif()
