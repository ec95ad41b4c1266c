#pragma once
// `policylint --help-man`: the man page policylint(1), generated from the command line
// itself — the top-level usage names the commands, and each command's CLI11 help (the same
// option definitions that parse the arguments) gives its synopsis and options — so it
// cannot drift from the program. The build installs its output as policylint.1.
#include <string>

namespace policylint::cli {

[[nodiscard]] std::string man_page();

} // namespace policylint::cli
