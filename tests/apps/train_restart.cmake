# SPDX-License-Identifier: BSD-3-Clause
# A training app (las_dcdm_train, las_moe_train) stopped half-way and resumed with
# --restart must end exactly where the uninterrupted run ends: the report values named in
# KEYS equal bit for bit (the JSON holds them as shortest round-trip decimals). Oracle:
# the uninterrupted run.
#   -DRUN="las_dcdm_train|deck.yaml"   the command, '|'-separated
#   -DKEYS="steps|history"             report values to compare ('|'-separated; a.b is a
#                                      nested key); "steps" must be among them
#   -DWORK=dir                         scratch directory
string(REPLACE "|" ";" run "${RUN}")
string(REPLACE "|" ";" keys "${KEYS}")
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

function(run_or_fail)
  execute_process(COMMAND ${run} ${ARGN} WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err TIMEOUT 300)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

run_or_fail(output.model=full.h5 output.checkpoint=full_ckpt.h5 --report full.json)
file(READ ${WORK}/full.json full)
string(JSON total GET "${full}" steps)
math(EXPR half "${total} / 2")
run_or_fail(training.steps=${half} training.checkpoint_every=${half} output.model=half.h5
            output.checkpoint=half_ckpt.h5)
run_or_fail(output.model=resumed.h5 output.checkpoint=resumed_ckpt.h5 --restart half_ckpt.h5
            --report resumed.json)
file(READ ${WORK}/resumed.json resumed)

foreach(key IN LISTS keys)
  string(REPLACE "." ";" path "${key}")
  string(JSON a GET "${full}" ${path})
  string(JSON b GET "${resumed}" ${path})
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${key} differs after --restart:\n uninterrupted: ${a}\n resumed: ${b}")
  endif()
endforeach()
string(JSON entries LENGTH "${full}" history)
if(entries LESS 3)
  message(FATAL_ERROR "expected a loss history across the restart, got ${entries} entries")
endif()
message("restart reproduced ${KEYS} bit for bit (${entries} history entries)")
