# SPDX-License-Identifier: BSD-3-Clause
# Installs las as a CMake package, included at the end of the top-level CMakeLists.txt
# (after every library and app exists):
#
#   <prefix>/include/las/{kernels,solvers}/...   headers, same paths as in the source tree
#   <prefix>/include/las/solvers/core/version.hpp  (generated)
#   <prefix>/lib/liblas_<name>.{a,so}              every target in LAS_EXPORTED_TARGETS
#   <prefix>/bin/<app>                             every executable defined under apps/
#   <prefix>/lib/cmake/las/lasConfig.cmake, lasConfigVersion.cmake, lasTargets*.cmake
#
# An outside project then does
#   find_package(las REQUIRED)      # CMAKE_PREFIX_PATH=<prefix> or las_DIR/las_ROOT
#   target_link_libraries(app PRIVATE las::core las::krylov)
#
# las_warnings (-Wall ... -Werror) is build-only: it is linked as
# $<BUILD_INTERFACE:las_warnings>, so installed targets never force our warnings on users.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(LAS_INSTALL_INCLUDEDIR "include/las")   # must match $<INSTALL_INTERFACE:include/las>
set(LAS_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/las" CACHE STRING
    "Where lasConfig.cmake is installed, relative to the install prefix")
mark_as_advanced(LAS_INSTALL_CMAKEDIR)

# --- the targets ------------------------------------------------------------------------
get_property(_las_exported GLOBAL PROPERTY LAS_EXPORTED_TARGETS)
set(_las_install_targets)
foreach(_t IN LISTS _las_exported ITEMS las_kernels las_kokkos)
  if(TARGET ${_t} AND NOT _t IN_LIST _las_install_targets)
    list(APPEND _las_install_targets ${_t})
  endif()
endforeach()
if(TARGET las_kokkos)
  set_target_properties(las_kokkos PROPERTIES EXPORT_NAME kokkos)   # las::kokkos
endif()

# Scan what the installed targets link (a worklist: targets found on the way are scanned
# too), so that
#  - a plain `las_warnings` someone linked without $<BUILD_INTERFACE:...> is made build-only
#    (otherwise CMake demands las_warnings in the export set, i.e. -Werror for users);
#  - a las target made without las_add_library() but linked by an installed one is
#    installed as well (the export would fail without it);
#  - lasConfig knows which imported targets (MPI::MPI_CXX, trilinos_kokkoscore,
#    HDF5::HDF5, PkgConfig::PETSC, ...) a consumer must have, and checks them.
# Static libraries export PRIVATE dependencies too, as $<LINK_ONLY:...>.
set(LAS_REQUIRED_IMPORTED_TARGETS)
set(_las_todo ${_las_install_targets})
while(_las_todo)
  list(POP_FRONT _las_todo _t)
  get_target_property(_type ${_t} TYPE)
  set(_props INTERFACE_LINK_LIBRARIES)
  if(NOT _type STREQUAL "INTERFACE_LIBRARY")
    list(APPEND _props LINK_LIBRARIES)
  endif()
  foreach(_prop IN LISTS _props)
    get_target_property(_libs ${_t} ${_prop})
    if(NOT _libs)
      continue()
    endif()
    set(_fixed)
    set(_changed FALSE)
    foreach(_lib IN LISTS _libs)
      if(_lib MATCHES "^(\\$<LINK_ONLY:)?las_warnings(>)?$")
        string(REPLACE "las_warnings" "$<BUILD_INTERFACE:las_warnings>" _lib "${_lib}")
        set(_changed TRUE)
      endif()
      list(APPEND _fixed "${_lib}")
      # Which target does this item name? (build-only items and other genexes: none)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" _name "${_lib}")
      if(_name MATCHES "^\\$<" OR NOT TARGET "${_name}")
        continue()
      endif()
      get_target_property(_aliased "${_name}" ALIASED_TARGET)
      if(_aliased)
        set(_name "${_aliased}")
      endif()
      get_target_property(_imported "${_name}" IMPORTED)
      if(_imported)
        if(NOT _name IN_LIST LAS_REQUIRED_IMPORTED_TARGETS)
          list(APPEND LAS_REQUIRED_IMPORTED_TARGETS "${_name}")
        endif()
      elseif(NOT _name IN_LIST _las_install_targets)
        message(STATUS "las: ${_t} links ${_name}, not made by las_add_library(); "
                       "installing it too")
        list(APPEND _las_install_targets ${_name})
        list(APPEND _las_todo ${_name})
        get_target_property(_export_name ${_name} EXPORT_NAME)
        if(NOT _export_name AND _name MATCHES "^las_(.+)$")
          set_target_properties(${_name} PROPERTIES EXPORT_NAME ${CMAKE_MATCH_1})
        endif()
      endif()
    endforeach()
    if(_changed)
      message(STATUS "las: ${_t} links las_warnings directly; made it build-only "
                     "(link $<BUILD_INTERFACE:las_warnings> instead)")
      set_property(TARGET ${_t} PROPERTY ${_prop} "${_fixed}")
    endif()
  endforeach()
endwhile()

# Optional dependencies lasConfig only looks for when an installed target uses them.
set(LAS_CONFIG_NEEDS_CLI11 OFF)
set(LAS_CONFIG_NEEDS_TORCH OFF)
foreach(_name IN LISTS LAS_REQUIRED_IMPORTED_TARGETS)
  if(_name MATCHES "^CLI11::")
    set(LAS_CONFIG_NEEDS_CLI11 ON)
  elseif(_name MATCHES "^(torch|torch_library|c10)$")
    set(LAS_CONFIG_NEEDS_TORCH ON)
  endif()
endforeach()

# Installed apps find our shared libraries (BUILD_SHARED_LIBS=ON) and keep the paths of
# out-of-tree dependencies (a user's Kokkos/PETSc) they were linked with.
set(_las_rpath "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")

install(TARGETS ${_las_install_targets}
  EXPORT lasTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT las_development
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT las_runtime
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT las_runtime)
# (no INCLUDES DESTINATION: las_add_library gives each target $<INSTALL_INTERFACE:include/las>)
foreach(_t IN LISTS _las_install_targets)
  get_target_property(_type ${_t} TYPE)
  if(_type STREQUAL "SHARED_LIBRARY")
    set_target_properties(${_t} PROPERTIES INSTALL_RPATH "${_las_rpath}"
                                           INSTALL_RPATH_USE_LINK_PATH TRUE)
  endif()
endforeach()

# --- the apps: every executable defined under apps/ ----------------------------------------
function(_las_collect_executables dir out)
  set(found)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE")
      list(APPEND found ${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _las_collect_executables("${sub}" sub_found)
    list(APPEND found ${sub_found})
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()
set(LAS_INSTALLED_APPS)
if(IS_DIRECTORY "${PROJECT_SOURCE_DIR}/apps")
  _las_collect_executables("${PROJECT_SOURCE_DIR}/apps" LAS_INSTALLED_APPS)
endif()
if(LAS_INSTALLED_APPS)
  set_target_properties(${LAS_INSTALLED_APPS} PROPERTIES
    INSTALL_RPATH "${_las_rpath}" INSTALL_RPATH_USE_LINK_PATH TRUE)
  install(TARGETS ${LAS_INSTALLED_APPS}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT las_runtime)
endif()

# What `cmake --install` needs built: the consumer test builds just these first.
set(_las_build_targets)
foreach(_t IN LISTS _las_install_targets LAS_INSTALLED_APPS)
  get_target_property(_type ${_t} TYPE)
  if(NOT _type STREQUAL "INTERFACE_LIBRARY")
    list(APPEND _las_build_targets ${_t})
  endif()
endforeach()
string(REPLACE ";" "\n" _las_build_targets_text "${_las_build_targets}")
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/las_install_targets.txt"
     CONTENT "${_las_build_targets_text}\n" @ONLY)

# --- headers: same relative paths under include/las -------------------------------------
foreach(_dir IN ITEMS kernels solvers)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${_dir}/"
    DESTINATION "${LAS_INSTALL_INCLUDEDIR}/${_dir}"
    COMPONENT las_development
    FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h"
    PATTERN "cmake" EXCLUDE)
endforeach()
install(DIRECTORY "${PROJECT_BINARY_DIR}/generated/"
  DESTINATION "${LAS_INSTALL_INCLUDEDIR}"
  COMPONENT las_development
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")

# --- the package files --------------------------------------------------------------------
install(EXPORT lasTargets
  NAMESPACE las::
  FILE lasTargets.cmake
  DESTINATION "${LAS_INSTALL_CMAKEDIR}"
  COMPONENT las_development)

# Values lasConfig.cmake.in needs from this build. Dependency locations are hints only: a
# consumer's own <Pkg>_DIR / <Pkg>_ROOT wins, and a hint that no longer exists is ignored.
set(LAS_CONFIG_ENABLE_PETSC ${LAS_ENABLE_PETSC})
set(LAS_CONFIG_KOKKOS_FROM_TRILINOS ${LAS_KOKKOS_FROM_TRILINOS})
set(LAS_CONFIG_KOKKOS_DEVICES "${Kokkos_DEVICES}")
set(LAS_CONFIG_HDF5_VERSION "${HDF5_VERSION}")
set(LAS_CONFIG_PETSC_VERSION "${PETSC_VERSION}")
set(LAS_CONFIG_PETSC_PCDIR "")
if(LAS_ENABLE_PETSC AND PKG_CONFIG_FOUND)
  pkg_get_variable(LAS_CONFIG_PETSC_PCDIR PETSc pcfiledir)
endif()
foreach(_pkg IN ITEMS Kokkos KokkosKernels yaml-cpp nlohmann_json CLI11 Torch)
  string(MAKE_C_IDENTIFIER "${_pkg}" _id)
  set(LAS_CONFIG_${_id}_DIR "${${_pkg}_DIR}")
endforeach()

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/solvers/cmake/lasConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/lasConfig.cmake"
  INSTALL_DESTINATION "${LAS_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/lasConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)   # 0.x: minor versions may break the API
install(FILES "${PROJECT_BINARY_DIR}/lasConfig.cmake" "${PROJECT_BINARY_DIR}/lasConfigVersion.cmake"
  DESTINATION "${LAS_INSTALL_CMAKEDIR}"
  COMPONENT las_development)

message(STATUS "las: install exports ${_las_install_targets} as las::*; apps: ${LAS_INSTALLED_APPS}")
