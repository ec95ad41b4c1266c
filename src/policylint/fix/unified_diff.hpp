#pragma once
// A unified diff (as `diff -u` writes it, applicable with `patch -p0` or `git apply -p0`)
// between two versions of one file, for `check --diff`.
#include <string>
#include <string_view>

namespace policylint::fix {

// Empty when the texts are equal. Both headers name `path`; `context` lines around changes.
[[nodiscard]] std::string unified_diff(std::string_view path, std::string_view before, std::string_view after,
                                       int context = 3);

} // namespace policylint::fix
