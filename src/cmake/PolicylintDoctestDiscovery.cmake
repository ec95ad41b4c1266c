# Registers every doctest case of a test binary as its own ctest test, after each build.
#
# Why our own discovery instead of doctest's doctest_discover_tests: that module splits the
# list of case names as a CMake list, so a name with ";" became fragments that matched no case,
# and doctest exits 0 when its filter matches nothing: about 25 cases "passed" without running.
# Here names are read line by line with ";" protected, the filter escapes doctest's own
# separator (","), and a run that executes no test case fails (FAIL_REGULAR_EXPRESSION).
# tests/CMakeLists.txt adds a check that ctest holds exactly as many cases as the binary.
set(POLICYLINT_DOCTEST_ADD_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/PolicylintDoctestAddTests.cmake")

function(policylint_discover_doctests target working_dir)
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake")
  set(tests_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_tests.cmake")
  add_custom_command(
    TARGET ${target} POST_BUILD
    BYPRODUCTS "${tests_file}"
    COMMAND "${CMAKE_COMMAND}"
            -D "TEST_EXECUTABLE=$<TARGET_FILE:${target}>"
            -D "TEST_WORKING_DIR=${working_dir}"
            -D "CTEST_FILE=${tests_file}"
            -P "${POLICYLINT_DOCTEST_ADD_SCRIPT}"
    VERBATIM)
  file(WRITE "${include_file}"
       "if(EXISTS \"${tests_file}\")\n  include(\"${tests_file}\")\n"
       "else()\n  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
