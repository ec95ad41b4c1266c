#pragma once
// Exact witnesses for string-valued predicates. Every predicate the evaluator applies to a
// string (StringEquals, StringEqualsIgnoreCase, StringLike, ArnLike, the Resource element) is a
// regular language over the characters the policies write plus "any other character", so a
// breadth-first walk over the product of their automata reaches every combination of
// "accepts / rejects" that some string realises, and records one shortest such string.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::query {

struct PatternToken {
  enum class Kind : unsigned char { literal, literal_icase, one, star, one_no_colon, star_no_colon };
  Kind kind = Kind::literal;
  char c = 0;
};
using Pattern = std::vector<PatternToken>;

[[nodiscard]] Pattern literal_pattern(std::string_view text, bool ignore_case);
// StringLike: `*` any run, `?` one character, case-sensitive.
[[nodiscard]] Pattern glob_pattern(std::string_view text);
// ArnLike/ArnEquals (eval::arn_like_matches): segment-wise when the pattern has six segments.
[[nodiscard]] Pattern arn_like_pattern(std::string_view text);
// Resource/NotResource (eval::resource_matches): segment-wise, a segment-final `*` crosses colons.
[[nodiscard]] Pattern resource_pattern(std::string_view text);

[[nodiscard]] bool pattern_accepts(const Pattern& pattern, std::string_view text);

// A shortest string every pattern accepts: a walk over tuples of their states, far cheaper
// than `witnesses` over a document's every pattern. `value` is nullopt when there is none, or
// when the walk stopped at `max_states` (then `complete` is false: no proof either way).
struct Common {
  std::optional<std::string> value;
  bool complete = true;
};
[[nodiscard]] Common shortest_common(std::span<const Pattern* const> patterns, std::size_t max_states = 4096);

struct Witnesses {
  // One string per realisable accept-combination; seeds (in order) are preferred as witnesses.
  std::vector<std::string> values;
  bool complete = true; // false when the walk stopped at max_states (never in practice)
};

[[nodiscard]] Witnesses witnesses(const std::vector<Pattern>& patterns, const std::vector<std::string>& seeds,
                                  std::size_t max_states = 20000);

} // namespace policylint::query
