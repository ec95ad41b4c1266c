#pragma once
// Globs over '/'-separated relative paths, as .gitignore-style tools write them: '*' and '?'
// stay within one segment, a "**" segment matches any number of whole segments (none
// included). Used by --exclude and by the configuration's path globs, so both agree.
#include <string_view>

namespace policylint::core {

[[nodiscard]] bool path_glob_matches(std::string_view glob, std::string_view path);
// Whether a glob of the configuration or --exclude applies to a relative path: a glob with a
// '/' is anchored and matches the path or a leading part of it (a directory); one without
// matches any single segment. One glob semantics everywhere.
[[nodiscard]] bool path_matches(std::string_view glob, std::string_view relative);

} // namespace policylint::core
