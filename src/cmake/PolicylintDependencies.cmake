# Dependencies come from the system (Debian 12 packages: libsimdjson-dev, libcli11-dev,
# libfmt-dev, libyaml-cpp-dev, doctest-dev). Each line says where it was found.
find_package(fmt REQUIRED)
message(STATUS "dependency fmt: system ${fmt_VERSION}")

find_package(simdjson REQUIRED)
message(STATUS "dependency simdjson: system ${simdjson_VERSION}")

# YAML front ends (CloudFormation templates, .policylint.yaml): yaml-cpp keeps line/column marks.
find_package(yaml-cpp REQUIRED)
message(STATUS "dependency yaml-cpp: system ${yaml-cpp_VERSION}")

find_package(CLI11 CONFIG QUIET)
if(NOT TARGET CLI11::CLI11)
  find_path(POLICYLINT_CLI11_INCLUDE CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE "${POLICYLINT_CLI11_INCLUDE}")
endif()
message(STATUS "dependency CLI11: system")

# tl-expected where packaged; std::expected (C++23) otherwise. Only core/expected.hpp cares.
find_package(tl-expected CONFIG QUIET)
if(TARGET tl::expected)
  set(POLICYLINT_HAVE_TL_EXPECTED ON)
  set(POLICYLINT_EXPECTED_TARGET tl::expected)
  message(STATUS "dependency expected: tl-expected (system)")
else()
  set(POLICYLINT_HAVE_TL_EXPECTED OFF)
  set(POLICYLINT_EXPECTED_TARGET "")
  message(STATUS "dependency expected: std::expected (tl-expected not found)")
endif()

if(POLICYLINT_BUILD_TESTS)
  find_package(doctest REQUIRED)
  message(STATUS "dependency doctest: system ${doctest_VERSION}")
endif()
