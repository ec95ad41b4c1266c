// PL019: a Resource/NotResource entry already covered by another entry of the same statement.
#include "prefix_index.hpp"

#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/variables.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::validity {

namespace {

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// `pattern` (which has a wildcard) covers every resource `value` can match. Exact when `value`
// is plain text; for two patterns only the sure case: the cover is `value`'s own text up to
// some point followed by a single final '*', and it matches `value`'s text as well.
bool covers(std::string_view pattern, std::string_view value) {
  if (eval::has_variable(pattern) || eval::has_variable(value)) {
    return false;
  }
  if (pattern == "*") {
    return true;
  }
  if (!has_wildcard(value)) {
    return eval::resource_matches(pattern, value);
  }
  const std::string_view prefix = pattern.substr(0, pattern.size() - 1);
  return pattern.ends_with('*') && !has_wildcard(prefix) && value.starts_with(prefix) &&
         eval::resource_matches(pattern, value);
}

// The text a pattern's every match starts with: up to its first wildcard or variable. A
// pattern can only cover a value that starts with it (matching is case-sensitive), so the
// prefix index below narrows the pairs `covers` is asked about without changing its answer.
std::string_view literal_prefix(std::string_view pattern) {
  return pattern.substr(0, std::min(pattern.find_first_of("*?$"), pattern.size()));
}

} // namespace

void check_redundant_resource(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  std::vector<std::size_t> candidates;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.resource.present) {
      continue;
    }
    const char* element = st.resource.negated ? "NotResource" : "Resource";
    const auto& values = st.resource.values;
    std::unordered_map<std::string_view, std::size_t> first_seen;
    std::vector<PrefixIndex::Entry> patterns;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto [it, inserted] = first_seen.try_emplace(values[i].value, i);
      if (inserted && has_wildcard(values[i].value)) {
        patterns.push_back({literal_prefix(values[i].value), i});
      }
    }
    // Comparing every value with every pattern is quadratic (12,500 bucket ARNs took a
    // minute); the index hands each value only the patterns whose literal prefix it starts with.
    const PrefixIndex index(std::move(patterns));
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i].value;
      if (first_seen[value] != i) {
        auto& d = ctx.report(values[i].range, "{} \"{}\" is listed twice in the same statement; remove one", element,
                             value);
        d.statement = st.label();
        continue;
      }
      candidates.clear();
      index.prefixes_of(value, candidates);
      std::sort(candidates.begin(), candidates.end()); // the first cover in the statement's order is named
      for (const std::size_t j : candidates) {
        if (j != i && covers(values[j].value, value)) {
          auto& d = ctx.report(values[i].range,
                               "{} \"{}\" is redundant: \"{}\" in the same statement already covers it", element,
                               value, values[j].value);
          d.statement = st.label();
          break;
        }
      }
    }
  }
}

} // namespace policylint::rules::validity
