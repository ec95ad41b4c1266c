// PL017: an action already covered by a wildcard (or listed twice) in the same statement.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>
#include <policylint/rules/support/prefix_index.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::validity {

namespace {

// `pattern` covers every action `value` can match. Matching a pattern against another
// pattern's text is exact when the covering pattern uses '*' only: the covered pattern's
// wildcards can then only fall inside a '*' of the cover.
bool covers(std::string_view pattern, std::string_view value) {
  if (pattern.find('?') != std::string_view::npos) {
    return !support::has_wildcard(value) && catalog::wildcard_match(pattern, value);
  }
  return catalog::wildcard_match(pattern, value);
}

// The text before the first wildcard: every action a pattern covers starts with it (up to case).
std::string_view literal_prefix(std::string_view pattern) {
  return pattern.substr(0, std::min(pattern.find_first_of("*?"), pattern.size()));
}

} // namespace

void check_redundant_action(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  std::vector<std::size_t> candidates;
  std::vector<std::size_t> in_group[2];
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.action.present) {
      continue;
    }
    const char* element = st.action.negated ? "NotAction" : "Action";
    const auto& values = st.action.values;
    // Each value lower-cased; the wildcard patterns by lower-cased service prefix ("" for a
    // wildcard prefix or "*"), and the first position of each lower-cased value.
    std::vector<std::string> lowered(values.size());
    std::unordered_map<std::string_view, std::size_t> first_seen;
    std::vector<std::string> group_of(values.size()); // a pattern's service group
    std::vector<support::PrefixIndex::Entry> patterns;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& v = values[i].value;
      lowered[i] = eval::ascii_lowered(v);
      if (support::has_wildcard(v)) {
        const auto split = support::split_name(v);
        group_of[i] = split && !support::has_wildcard(split->prefix) ? eval::ascii_lowered(split->prefix) : std::string();
        patterns.push_back({literal_prefix(lowered[i]), i});
      }
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      first_seen.try_emplace(lowered[i], i);
    }
    // Comparing each value with every pattern of its service is quadratic in a list of
    // thousands of patterns; a pattern can only cover a value that starts with the pattern's
    // literal text, so the index hands each value only those.
    const support::PrefixIndex index(std::move(patterns));
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i].value;
      if (first_seen[lowered[i]] != i) {
        auto& d = ctx.report(values[i].range, "{} \"{}\" is listed twice in the same statement; remove one", element,
                             value);
        d.statement = st.label();
        continue;
      }
      const auto split = support::split_name(value);
      const std::string prefix = split ? eval::ascii_lowered(split->prefix) : std::string();
      // The patterns of the value's own service are tried first, then those of any service,
      // each in the statement's order; the first cover is named.
      candidates.clear();
      index.prefixes_of(lowered[i], candidates);
      in_group[0].clear();
      in_group[1].clear();
      for (const std::size_t j : candidates) {
        const std::string& group = group_of[j];
        if (group == prefix) {
          in_group[0].push_back(j);
        } else if (group.empty() && !prefix.empty()) {
          in_group[1].push_back(j);
        }
      }
      for (auto& group : in_group) {
        std::sort(group.begin(), group.end());
        const auto hit = std::ranges::find_if(group, [&](std::size_t j) {
          if (j == i || !covers(values[j].value, value)) {
            return false;
          }
          // Two patterns covering each other (equal up to case) were reported as a duplicate.
          return !covers(value, values[j].value);
        });
        if (hit != group.end()) {
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
