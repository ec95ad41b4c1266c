#pragma once
// IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one
// character; every other character is literal (no classes, no escapes in policy text).
// Worst case O(|pattern|·|text|), no recursion, no allocation.
#include <string_view>

namespace policylint::eval {

struct GlobOptions {
  bool ignore_case = false; // ASCII case-insensitive comparison
  // `\` makes the next character literal. Only used for patterns produced by variable
  // substitution (variables.hpp), never for policy text as written.
  bool escapes = false;
};

[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text, GlobOptions options = {});
[[nodiscard]] inline bool glob_match_icase(std::string_view pattern, std::string_view text) {
  return glob_match(pattern, text, GlobOptions{.ignore_case = true, .escapes = false});
}

// True when the text contains `*` or `?` (i.e. is not an exact literal pattern). A plain byte
// loop: string_view::find_first_of calls memchr once per character of the text, which made
// this the costliest line of the run on long ARNs.
[[nodiscard]] inline bool has_wildcard(std::string_view pattern) noexcept {
  for (const char c : pattern) {
    if (c == '*' || c == '?') {
      return true;
    }
  }
  return false;
}

} // namespace policylint::eval
