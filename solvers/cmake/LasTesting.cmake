# SPDX-License-Identifier: BSD-3-Clause
# las_add_test(NAME name SOURCES ... [LIBS ...] [MPI_SIZES 1 2] [LABELS ...])
# One GoogleTest executable, registered with CTest once per MPI size as
# name_np<N> under mpiexec. PROCESSORS keeps `ctest -j` from oversubscribing.
function(las_add_test)
  cmake_parse_arguments(arg "" "NAME" "SOURCES;LIBS;MPI_SIZES;LABELS" ${ARGN})
  if(NOT arg_MPI_SIZES)
    set(arg_MPI_SIZES 1)
  endif()
  add_executable(${arg_NAME} ${arg_SOURCES})
  target_link_libraries(${arg_NAME} PRIVATE las_test_main GTest::gtest GTest::gmock ${arg_LIBS} las_warnings)
  foreach(np IN LISTS arg_MPI_SIZES)
    set(test_name ${arg_NAME}_np${np})
    add_test(NAME ${test_name}
             COMMAND ${LAS_MPIEXEC} ${MPIEXEC_NUMPROC_FLAG} ${np} ${LAS_MPIEXEC_FLAGS}
                     $<TARGET_FILE:${arg_NAME}>)
    set_tests_properties(${test_name} PROPERTIES
      PROCESSORS ${np} TIMEOUT 300 LABELS "${arg_LABELS};np${np}"
      ENVIRONMENT "${LAS_TEST_ENVIRONMENT}")
  endforeach()
endfunction()
