#pragma once
// Globs over '/'-separated relative paths, as .gitignore-style tools write them: '*' and '?'
// stay within one segment, a "**" segment matches any number of whole segments (none
// included). Used by --exclude and by the configuration's path globs, so both agree.
#include <string_view>

namespace policylint::core {

[[nodiscard]] bool path_glob_matches(std::string_view glob, std::string_view path);

} // namespace policylint::core
