// PL017: an action already covered by a wildcard (or listed twice) in the same statement.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace policylint::rules::validity {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// `pattern` covers every action `value` can match. Matching a pattern against another
// pattern's text is exact when the covering pattern uses '*' only: the covered pattern's
// wildcards can then only fall inside a '*' of the cover.
bool covers(std::string_view pattern, std::string_view value) {
  if (pattern.find('?') != std::string_view::npos) {
    return !support::has_wildcard(value) && catalog::wildcard_match(pattern, value);
  }
  return catalog::wildcard_match(pattern, value);
}

} // namespace

void check_redundant_action(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.action.present) {
      continue;
    }
    const char* element = st.action.negated ? "NotAction" : "Action";
    const auto& values = st.action.values;
    // Wildcard patterns by lower-cased service prefix ("" for a wildcard prefix or "*"), and
    // the first position of each lower-cased value: keeps lists of thousands linear-ish.
    std::unordered_map<std::string, std::vector<std::size_t>> patterns;
    std::unordered_map<std::string, std::size_t> first_seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& v = values[i].value;
      if (support::has_wildcard(v)) {
        const auto split = support::split_name(v);
        patterns[split && !support::has_wildcard(split->prefix) ? lower(split->prefix) : std::string()].push_back(i);
      }
      first_seen.try_emplace(lower(v), i);
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i].value;
      if (first_seen[lower(value)] != i) {
        auto& d = ctx.report(values[i].range, "{} \"{}\" is listed twice in the same statement; remove one", element,
                             value);
        d.statement = st.label();
        continue;
      }
      const auto split = support::split_name(value);
      const std::string prefix = split ? lower(split->prefix) : std::string();
      const std::vector<std::size_t>* groups[2] = {nullptr, nullptr};
      if (auto it = patterns.find(prefix); it != patterns.end()) {
        groups[0] = &it->second;
      }
      if (!prefix.empty()) {
        if (auto it = patterns.find(std::string()); it != patterns.end()) {
          groups[1] = &it->second;
        }
      }
      for (const auto* group : groups) {
        if (group == nullptr) {
          continue;
        }
        const auto hit = std::ranges::find_if(*group, [&](std::size_t j) {
          if (j == i || !covers(values[j].value, value)) {
            return false;
          }
          // Two patterns covering each other (equal up to case) were reported as a duplicate.
          return !covers(value, values[j].value);
        });
        if (hit != group->end()) {
          auto& d = ctx.report(values[i].range,
                               "{} \"{}\" is redundant: \"{}\" in the same statement already covers it", element,
                               value, values[*hit].value);
          d.statement = st.label();
          break;
        }
      }
    }
  }
}

} // namespace policylint::rules::validity
