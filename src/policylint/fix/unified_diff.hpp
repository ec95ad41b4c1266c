#pragma once
// A unified diff (as `diff -u` writes it, applicable with `patch -p0` or `git apply -p0`)
// between two versions of one file, for `check --diff`.
#include <string>
#include <string_view>

namespace policylint::fix {

// Empty when the texts are equal. Both headers name `path`; `context` lines around changes.
[[nodiscard]] std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                                       int context = 3);

// The name a patch header gives the file at `path`, so that `git apply -p0` and GNU
// `patch -p0` accept it from the working directory: lexically normal ("./x.json" -> "x.json"),
// with symbolic links resolved when the real file lies below the working directory (git apply
// refuses to patch "beyond a symbolic link"); otherwise the path as given.
[[nodiscard]] std::string patch_path(const std::string& path);

// One header line's name: a trailing tab after a name with spaces (the end of the name for
// GNU patch, as diff -u writes it), a C-style quoted name when it holds '"', '\\' or control
// bytes (git's quoting, also read by GNU patch).
[[nodiscard]] std::string header_name(std::string_view name);

} // namespace policylint::fix
