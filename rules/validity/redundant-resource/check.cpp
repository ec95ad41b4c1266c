// PL019: a Resource/NotResource entry already covered by another entry of the same statement.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/variables.hpp>
#include <policylint/generated/rule_declarations.hpp>

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

} // namespace

void check_redundant_resource(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.resource.present) {
      continue;
    }
    const char* element = st.resource.negated ? "NotResource" : "Resource";
    const auto& values = st.resource.values;
    std::unordered_map<std::string_view, std::size_t> first_seen;
    std::vector<std::size_t> patterns;
    for (std::size_t i = 0; i < values.size(); ++i) {
      first_seen.try_emplace(values[i].value, i);
      if (has_wildcard(values[i].value) && first_seen[values[i].value] == i) {
        patterns.push_back(i);
      }
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i].value;
      if (first_seen[value] != i) {
        auto& d = ctx.report(values[i].range, "{} \"{}\" is listed twice in the same statement; remove one", element,
                             value);
        d.statement = st.label();
        continue;
      }
      for (const std::size_t j : patterns) {
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
