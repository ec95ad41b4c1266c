#include <policylint/eval/action_match.hpp>

#include <policylint/eval/ascii.hpp>
#include <policylint/eval/glob.hpp>

#include <algorithm>

namespace policylint::eval {

namespace {

// The position of the first ':' (or npos): a plain loop, since names are short and a memchr
// call per name cost more than the search (the evaluator matches every listed action of every
// statement for every request it tries).
std::size_t colon_in(std::string_view text) {
  const auto it = std::find(text.begin(), text.end(), ':');
  return it == text.end() ? std::string_view::npos : static_cast<std::size_t>(it - text.begin());
}

// One side of "service:Action": a literal compares case-insensitively (lengths first), a
// pattern with wildcards globs.
bool part_matches(std::string_view pattern, std::string_view text) {
  if (!has_wildcard(pattern)) {
    return ascii_iequals(pattern, text);
  }
  return glob_match_icase(pattern, text);
}

} // namespace

bool action_matches(std::string_view pattern, std::string_view action) {
  if (pattern == "*") {
    return true;
  }
  const auto pattern_colon = colon_in(pattern);
  const auto action_colon = colon_in(action);
  if (pattern_colon == std::string_view::npos || action_colon == std::string_view::npos) {
    // Not "service:Action" (AWS rejects such a pattern): only a whole-string match counts.
    return glob_match_icase(pattern, action);
  }
  // Prefix and name are matched separately, so a literal prefix must equal the whole service
  // prefix ("s3:*" stays out of "s3-object-lambda:…") and a `*` never crosses the colon.
  return part_matches(pattern.substr(0, pattern_colon), action.substr(0, action_colon)) &&
         part_matches(pattern.substr(pattern_colon + 1), action.substr(action_colon + 1));
}

bool action_element_covers(const policy::ValueList& element, std::string_view action) {
  if (!element.present) {
    return false;
  }
  const bool listed = std::any_of(element.values.begin(), element.values.end(),
                                  [&](const policy::Text& v) { return action_matches(v.value, action); });
  return listed != element.negated;
}

} // namespace policylint::eval
