# Helpers so that every folder declares its targets the same way.

# kiosk_library(NAME SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# Headers sit next to sources and are included from the repository root,
# e.g. #include "kiosk/core/session.hpp".
function(kiosk_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/generated>
    $<INSTALL_INTERFACE:include>)
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE kiosk_build_flags ${ARG_PRIVATE_LIBS})
  set_property(GLOBAL APPEND PROPERTY KIOSK_EXPORTED_LIBRARIES ${name})
endfunction()

# kiosk_executable(NAME SOURCES ... [LIBS ...] [COMPONENT kiosk|sandbox]) -> build/bin/NAME
# COMPONENT names the Debian package the program ships in; programs without
# one (test and benchmark drivers) are never installed.
function(kiosk_executable name)
  cmake_parse_arguments(ARG "" "COMPONENT" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE kiosk_build_flags ${ARG_LIBS})
  if(ARG_COMPONENT)
    include(GNUInstallDirs)
    install(TARGETS ${name} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${ARG_COMPONENT})
  endif()
endfunction()

# kiosk_data_dir(VAR BUILD_TREE_PATH SUBDIR): the directory a program looks in
# for data it ships. A build for packaging (KIOSK_INSTALLED_LAYOUT) bakes in
# only <datadir>/SUBDIR, so no path of the build machine reaches a device.
function(kiosk_data_dir var build_tree_path subdir)
  if(KIOSK_INSTALLED_LAYOUT)
    include(GNUInstallDirs)
    set(${var} ${CMAKE_INSTALL_FULL_DATADIR}/${subdir} PARENT_SCOPE)
  else()
    set(${var} ${build_tree_path} PARENT_SCOPE)
  endif()
endfunction()

# kiosk_test(NAME LABEL unit|integration|ui SOURCES ... [LIBS ...] [TIMEOUT s] [ENV ...])
# GoogleTest programs; each test case becomes its own ctest test.
function(kiosk_test name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS;ENV" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE kiosk_build_flags GTest::gtest GTest::gmock GTest::gtest_main ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    KIOSK_SOURCE_DIR="${PROJECT_SOURCE_DIR}" KIOSK_BINARY_DIR="${PROJECT_BINARY_DIR}")
  include(GoogleTest)
  gtest_discover_tests(${name}
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${ARG_ENV}")
endfunction()

# kiosk_fuzz_target(NAME SOURCES ... [LIBS ...] [CORPUS dir])
# With KIOSK_FUZZ a libFuzzer binary and a short ctest run (label fuzz);
# otherwise a replay binary that runs the corpus through the target once.
function(kiosk_fuzz_target name)
  cmake_parse_arguments(ARG "" "CORPUS" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE kiosk_build_flags ${ARG_LIBS})
  if(KIOSK_FUZZ)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    set(run_args -max_total_time=${KIOSK_FUZZ_SECONDS} -rss_limit_mb=2048)
  else()
    target_sources(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
    set(run_args)
  endif()
  if(ARG_CORPUS)
    # libFuzzer writes new inputs into the first corpus directory; keep the
    # committed seeds read-only by working on a copy in the build tree.
    set(work ${CMAKE_CURRENT_BINARY_DIR}/${name}_corpus)
    add_test(NAME ${name}
      COMMAND ${CMAKE_COMMAND} -E env
        sh -c "rm -rf '${work}' && mkdir -p '${work}' && cp -r '${ARG_CORPUS}'/. '${work}'/ && exec \"$0\" \"$@\"" $<TARGET_FILE:${name}> ${run_args} ${work})
  else()
    add_test(NAME ${name} COMMAND $<TARGET_FILE:${name}> ${run_args})
  endif()
  set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT 600)
endfunction()
set(KIOSK_FUZZ_SECONDS 20 CACHE STRING "Seconds each fuzz target runs in the test suite")
