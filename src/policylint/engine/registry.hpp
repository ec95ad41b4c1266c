#pragma once
#include <policylint/engine/rule.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace policylint::engine {

// Every built-in rule, sorted by code. Built on first use from the generated table.
[[nodiscard]] std::span<const RuleInfo> all_rules();
// By code (PL101) or name (action-star-without-source-ip-deny); nullptr when unknown.
[[nodiscard]] const RuleInfo* find_rule(std::string_view code_or_name);
// For the rules policylint itself names by slug (front-end notes, structural issues, file-level
// problems): a slug that names no rule is a bug in policylint, reported and aborted on.
[[nodiscard]] const RuleInfo& rule_or_die(std::string_view name);
// Index of the rule in all_rules() (SARIF ruleIndex).
[[nodiscard]] std::size_t rule_index(const RuleInfo& rule);
// The built-in rules and `extra` (run-time custom checks) together, sorted by code: the
// rule list of `policylint rules --rules DIR` and of SARIF.
[[nodiscard]] std::vector<const RuleInfo*> rules_with(std::span<const RuleInfo* const> extra);

} // namespace policylint::engine
