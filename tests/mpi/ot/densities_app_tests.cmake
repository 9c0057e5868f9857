# SPDX-License-Identifier: BSD-3-Clause
# las_ot with problem.kind = densities (included from CMakeLists.txt, which defines
# ot_app): the 1D and 2D decks, shrunk to seconds, solve at 1 and 2 ranks. The bad
# density keys are tests/cli's ot_density_* cases.
foreach(np 1 2)
  foreach(good "1d|densities_1d.yaml|density.grid=60|points 60 x 60 in 1D"
               "2d|densities_2d.yaml|density.grid=12|points 144 x 144 in 2D")
    string(REPLACE "|" ";" good "${good}")
    list(GET good 0 name)
    list(GET good 1 deck)
    list(GET good 2 arg)
    list(GET good 3 expect)
    add_test(NAME app_ot_densities_${name}_np${np}
             COMMAND ${LAS_MPIEXEC} ${MPIEXEC_NUMPROC_FLAG} ${np} ${LAS_MPIEXEC_FLAGS} ${ot_app}
                     ${PROJECT_SOURCE_DIR}/inputs/ot/${deck} ${arg})
    set_tests_properties(app_ot_densities_${name}_np${np} PROPERTIES PROCESSORS ${np} TIMEOUT 120
                         PASS_REGULAR_EXPRESSION "${expect}"
                         LABELS "app;np${np}" ENVIRONMENT "${LAS_TEST_ENVIRONMENT}")
  endforeach()
endforeach()
