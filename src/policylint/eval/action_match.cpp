#include <policylint/eval/action_match.hpp>

#include <policylint/eval/glob.hpp>

#include <algorithm>

namespace policylint::eval {

bool action_matches(std::string_view pattern, std::string_view action) {
  if (pattern == "*") {
    return true;
  }
  const auto pattern_colon = pattern.find(':');
  const auto action_colon = action.find(':');
  if (pattern_colon == std::string_view::npos || action_colon == std::string_view::npos) {
    // Not "service:Action" (AWS rejects such a pattern): only a whole-string match counts.
    return glob_match_icase(pattern, action);
  }
  // Prefix and name are matched separately, so a literal prefix must equal the whole service
  // prefix ("s3:*" stays out of "s3-object-lambda:…") and a `*` never crosses the colon.
  return glob_match_icase(pattern.substr(0, pattern_colon), action.substr(0, action_colon)) &&
         glob_match_icase(pattern.substr(pattern_colon + 1), action.substr(action_colon + 1));
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
