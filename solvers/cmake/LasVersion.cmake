# SPDX-License-Identifier: BSD-3-Clause
# The source version stored in every output file: git describe when built from a
# checkout, the project version otherwise (a release tarball).
find_package(Git QUIET)
set(LAS_GIT_VERSION "${PROJECT_VERSION}")
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE _las_describe OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET RESULT_VARIABLE _las_git_rc)
  if(_las_git_rc EQUAL 0 AND _las_describe)
    set(LAS_GIT_VERSION "${PROJECT_VERSION}+${_las_describe}")
  endif()
endif()
configure_file(${PROJECT_SOURCE_DIR}/solvers/core/version.hpp.in
               ${PROJECT_BINARY_DIR}/generated/solvers/core/version.hpp @ONLY)
