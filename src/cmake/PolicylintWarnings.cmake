# INTERFACE target with the project's warning flags; never applied to third-party code.
add_library(policylint_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(policylint_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Woverloaded-virtual -Wnull-dereference)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # -Wno-restrict: GCC 12 reports false positives inside std::string at -O2 (GCC bug 105329).
    target_compile_options(policylint_warnings INTERFACE -Wmissing-declarations -Wno-restrict)
  else()
    target_compile_options(policylint_warnings INTERFACE -Wmissing-prototypes)
  endif()
  if(POLICYLINT_WARNINGS_AS_ERRORS)
    target_compile_options(policylint_warnings INTERFACE -Werror)
  endif()
endif()
