# SPDX-License-Identifier: BSD-3-Clause
# -pc_lasbsor_state: a sequence split in two runs (the second restoring the state file the
# first wrote) must make the same omega choices, hence the same iteration counts, as one
# uninterrupted run.
#   -DCOMMAND="launcher|program|options..."  '|'-separated; -ntimes is appended
#   -DSTATE=path  -DN=20
string(REPLACE "|" ";" cmd "${COMMAND}")
file(REMOVE "${STATE}")
function(run_sequence ntimes extra out_var)
  execute_process(COMMAND ${cmd} -ntimes ${ntimes} ${extra} -ksp_converged_reason
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
  if(NOT rc EQUAL 0 OR out MATCHES "did not converge")
    message(FATAL_ERROR "run failed (exit ${rc}):\n${out}\n${err}")
  endif()
  string(REGEX MATCHALL "converged due to [A-Z_]+ iterations [0-9]+" solves "${out}")
  list(TRANSFORM solves REPLACE ".* iterations " "")
  set(${out_var} "${solves}" PARENT_SCOPE)
endfunction()
math(EXPR half "${N} / 2")
run_sequence(${N} "" whole)
run_sequence(${half} "-pc_lasbsor_state;${STATE}" first)
if(NOT EXISTS "${STATE}")
  message(FATAL_ERROR "no state file ${STATE} after the first run")
endif()
run_sequence(${half} "-pc_lasbsor_state;${STATE}" second)
set(split ${first} ${second})
message("uninterrupted: ${whole}\nsplit:         ${split}")
list(LENGTH whole n)
if(NOT n EQUAL N OR NOT "${whole}" STREQUAL "${split}")
  message(FATAL_ERROR "the restored run differs from the uninterrupted one")
endif()
# A fresh learner with the same seed would repeat the first half: the check above can
# only pass through the restored state if the halves differ.
if("${first}" STREQUAL "${second}")
  message(FATAL_ERROR "both halves chose alike: this sequence cannot tell restore from restart")
endif()
