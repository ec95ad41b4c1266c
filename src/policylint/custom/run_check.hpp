#pragma once
// Runs one custom check on one document: for every Allow statement, is some request of the
// check's class allowed with that statement among the deciding ones? A quick search
// (query::find_request on a few resources) answers most statements; one it clears is then
// decided by the exact query::Engine. Every reported request is confirmed by eval::evaluate
// before it becomes a finding.
#include <policylint/custom/check.hpp>
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>

namespace policylint::custom {

// Whether the check looks at this document at all (applies_to: kind and paths).
[[nodiscard]] bool applies(const Check& check, const engine::PolicyUnit& unit);

void run_check(const Check& check, const engine::PolicyUnit& unit, engine::RuleContext& ctx);

} // namespace policylint::custom
