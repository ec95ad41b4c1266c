#pragma once
// Applying fixes to a text: all edits of a fix or none, never two edits on the same bytes.
#include <policylint/engine/fix.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace policylint::fix {

struct Applied {
  std::string text;
  std::size_t applied = 0; // fixes whose edits are in `text` (a repeat of an applied fix counts)
  std::size_t skipped = 0; // fixes left out: an edit overlaps an accepted one, or lies outside the text
};

// Accepts fixes in order; a fix with an edit that overlaps an edit already accepted (or
// inserts at the same point with different text) is skipped whole — re-linting the result
// reports its finding again, and a further pass can fix it. Identical edits are applied once.
[[nodiscard]] Applied apply_fixes(std::string_view text, std::span<const engine::Fix* const> fixes);

} // namespace policylint::fix
