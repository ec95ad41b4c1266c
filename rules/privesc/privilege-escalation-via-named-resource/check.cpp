// PL410: an escalation method the document allows only on resources it names (a role to
// pass, a function to rewrite): the caller gains their permissions, which only the account
// can show, so it is a warning naming them rather than an error.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/escalation.hpp>

namespace policylint::rules::privesc {

void check_privilege_escalation_via_named_resource(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  support::report_escalation_methods(unit, ctx, support::Scope::named_resources);
}

} // namespace policylint::rules::privesc
