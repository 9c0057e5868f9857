# SPDX-License-Identifier: BSD-3-Clause
# las_learned_cg's CG and PETSc ICC-PCG take exactly the iterations that las_poisson's
# CG and PETSc anchor take on the same system (an independent app and code path).
#   -DOURS="mpiexec|...|las_learned_cg|..."  -DTHEIRS="mpiexec|...|las_poisson|..."  -DWORK=dir
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
foreach(who OURS THEIRS)
  string(REPLACE "|" ";" run "${${who}}")
  execute_process(COMMAND ${run} --report ${WORK}/${who}.json RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${who} failed (${rc})\n${out}\n${err}")
  endif()
  file(READ ${WORK}/${who}.json ${who}_json)
endforeach()
string(JSON our_cg GET "${OURS_json}" methods 0 iterations)
string(JSON our_icc GET "${OURS_json}" methods 1 iterations)
string(JSON their_cg GET "${THEIRS_json}" solvers 0 iterations)
string(JSON their_icc GET "${THEIRS_json}" solvers 1 iterations)
message("CG: las_learned_cg ${our_cg}, las_poisson ${their_cg}; ICC-PCG: las_learned_cg ${our_icc}, las_poisson's PETSc ${their_icc}")
if(NOT our_cg EQUAL their_cg OR NOT our_icc EQUAL their_icc)
  message(FATAL_ERROR "iteration counts differ")
endif()
if(our_cg LESS 10)
  message(FATAL_ERROR "CG took ${our_cg} iterations: the system is too easy to tell anything")
endif()
