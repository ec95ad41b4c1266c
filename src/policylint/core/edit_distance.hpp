#pragma once
// Case-insensitive (ASCII) optimal-string-alignment distance, for "did you mean" suggestions
// and for recognising misspelt IAM element names.
#include <cstddef>
#include <string_view>

namespace policylint::core {

// Insertions, deletions, substitutions and adjacent transpositions each count 1; ASCII letters
// compare without case. Returns `limit + 1` as soon as the distance is known to exceed `limit`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

} // namespace policylint::core
