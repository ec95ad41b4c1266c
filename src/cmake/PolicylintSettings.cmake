# INTERFACE target for build-wide settings: assertions in Debug, sanitizers on request.
add_library(policylint_settings INTERFACE)
target_compile_definitions(policylint_settings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(POLICYLINT_SANITIZERS)
  list(JOIN POLICYLINT_SANITIZERS "," _policylint_san)
  target_compile_options(policylint_settings INTERFACE
    -fsanitize=${_policylint_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(policylint_settings INTERFACE -fsanitize=${_policylint_san})
endif()
