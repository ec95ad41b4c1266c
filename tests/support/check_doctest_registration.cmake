# ctest test: every doctest case of the binary is a ctest test. Fails when a case name cannot be
# registered (the ";" in names once hid about 25 cases from ctest) or discovery drops some.
execute_process(COMMAND "${TEST_EXECUTABLE}" --count --no-version
                OUTPUT_VARIABLE counted RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT counted MATCHES "passing the current filters: ([0-9]+)")
  message(FATAL_ERROR "could not count the cases of ${TEST_EXECUTABLE}: ${counted}")
endif()
set(in_binary "${CMAKE_MATCH_1}")
execute_process(COMMAND "${CTEST_COMMAND}" -N -L "^doctest$" WORKING_DIRECTORY "${BUILD_DIR}"
                OUTPUT_VARIABLE listed RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT listed MATCHES "Total Tests: ([0-9]+)")
  message(FATAL_ERROR "ctest -N failed: ${listed}")
endif()
set(in_ctest "${CMAKE_MATCH_1}")
if(NOT in_binary EQUAL in_ctest)
  message(FATAL_ERROR "${in_binary} doctest cases in the binary, ${in_ctest} registered with ctest")
endif()
message(STATUS "${in_ctest} doctest cases, all registered with ctest")
