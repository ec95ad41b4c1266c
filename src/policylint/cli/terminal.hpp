#pragma once
#include <cstdio>
#include <string>

namespace policylint::cli {

// --color=auto: only on a TTY, never with NO_COLOR set non-empty or TERM=dumb.
[[nodiscard]] bool use_color(const std::string& mode, std::FILE* stream);
// Standard error is a terminal that understands erase-to-end-of-line (TERM is not "dumb").
[[nodiscard]] bool stderr_is_terminal();
// The directory SARIF URIs are relative to: the nearest ancestor of the working directory
// holding a .git entry, else the working directory. Found without running git.
[[nodiscard]] std::string find_source_root();

} // namespace policylint::cli
