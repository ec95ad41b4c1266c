# Script mode (cmake -P), run after each build of a doctest binary: lists its cases and writes
# one add_test per case to CTEST_FILE. See PolicylintDoctestDiscovery.cmake for why.
execute_process(
  COMMAND "${TEST_EXECUTABLE}" --list-test-cases --no-version
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result
  WORKING_DIRECTORY "${TEST_WORKING_DIR}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "listing the cases of ${TEST_EXECUTABLE} failed (${result}):\n${output}")
endif()

# ";" is CMake's list separator: protect it before the output becomes a list of lines.
set(semicolon_mark "@POLICYLINT_SEMICOLON@")
string(REPLACE ";" "${semicolon_mark}" output "${output}")
string(REPLACE "\n" ";" lines "${output}")

set(script "")
set(count 0)
foreach(line IN LISTS lines)
  if(line STREQUAL "" OR line MATCHES "^===+$" OR line MATCHES "^\\[doctest\\] ")
    continue()
  endif()
  string(REPLACE "${semicolon_mark}" ";" name "${line}")
  # doctest's --test-case takes a comma-separated list of patterns: escape the commas. "*" and
  # "?" would be wildcards; a name holding one still matches itself.
  string(REPLACE "," "\\," filter "${name}")
  string(APPEND script
    "add_test([==[${name}]==] \"${TEST_EXECUTABLE}\" [==[--test-case=${filter}]==])\n"
    "set_tests_properties([==[${name}]==] PROPERTIES WORKING_DIRECTORY \"${TEST_WORKING_DIR}\""
    " LABELS doctest FAIL_REGULAR_EXPRESSION [==[test cases: *0 \\|]==]"
    " SKIP_REGULAR_EXPRESSION [==[\\[policylint skipped\\]]==])\n")
  math(EXPR count "${count} + 1")
endforeach()
string(APPEND script "set(POLICYLINT_DOCTEST_CASES ${count})\n")
file(WRITE "${CTEST_FILE}" "${script}")
