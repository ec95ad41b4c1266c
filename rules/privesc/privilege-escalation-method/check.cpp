// PL401: does the document allow a whole escalation method (docs/privesc.md) on any resource?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/escalation.hpp>

namespace policylint::rules::privesc {

void check_privilege_escalation_method(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  support::report_escalation_methods(unit, ctx, support::Scope::any_resource);
}

} // namespace policylint::rules::privesc
